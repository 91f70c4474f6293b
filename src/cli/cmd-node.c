/*
 * cmd-node.c - zsdesk node: this copy's identity and the peers it trusts.
 *
 * A copy is a node: a number and an Ed25519 key pair kept in the database.
 * The city or district copy enrolls a laptop (its number, key, district
 * and officers) before it accepts anything the laptop sends; revoking a
 * node refuses its bundles from then on.  Every change is in the audit log.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"
#include "sync.h"

/* Reads a node number; 0 when the text is not one. */
static unsigned node_number(const char *s)
{
	char *end;
	unsigned long v = s && *s ? strtoul(s, &end, 10) : 0;
	if (!s || !*s || *end || v < 1 || v > ZS_NODE_MAX)
		return 0;
	return (unsigned)v;
}

/* Prints this copy's number and key. */
static int node_show(struct zs *z, struct args *a)
{
	(void)a;
	struct zs_node_info n;
	if (zs_node_show(z, &n) != ZS_OK)
		return cli_fail(z);
	/* Whole, one per line: the key is copied to the other copy. */
	charset_printf(stdout, _("node %u\n"), n.node);
	charset_printf(stdout, _("key %s\n"), *n.key ? n.key : _("(none yet: zsdesk node init)"));
	return EXIT_OK;
}

/* Makes this copy's key pair, and with --node its own number. */
static int node_init(struct zs *z, struct args *a)
{
	const char *ns = args_get(a, "node");
	unsigned node = 0;
	if (ns && !(node = node_number(ns)))
		return cli_error(EXIT_USAGE, _("--node takes a number from 1 to %u, not %s"), ZS_NODE_MAX,
				 ns);
	struct zs_node_info n;
	if (zs_node_init(z, node, &n) != ZS_OK)
		return cli_fail(z);
	charset_printf(stdout, _("node %u, key %s\n"), n.node, n.key);
	return EXIT_OK;
}

/* Enrolls a peer. */
static int node_enroll(struct zs *z, struct args *a)
{
	if (a->npos != 2)
		return cli_error(EXIT_USAGE, "%s",
				 _("usage: zsdesk node enroll NODE --key KEY [--district D] "
				   "[--officers LOGIN,...] [--name NAME]"));
	struct zs_peer p;
	memset(&p, 0, sizeof p);
	if (!(p.node = node_number(a->pos[1])))
		return cli_error(EXIT_USAGE, _("a node number is 1 to %u, not %s"), ZS_NODE_MAX,
				 a->pos[1]);
	const char *key = args_get(a, "key"), *d = args_get(a, "district"),
		   *officers = args_get(a, "officers"), *name = args_get(a, "name");
	if (!key)
		return cli_error(EXIT_USAGE, "%s",
				 _("--key KEY is needed: the key `zsdesk node show` prints on that copy"));
	if (strlen(key) >= sizeof p.key || (officers && strlen(officers) >= sizeof p.officers) ||
	    (name && strlen(name) >= sizeof p.name))
		return cli_error(EXIT_USAGE, "%s", _("--key, --officers or --name is too long"));
	snprintf(p.key, sizeof p.key, "%s", key);
	snprintf(p.officers, sizeof p.officers, "%s", officers ? officers : "");
	snprintf(p.name, sizeof p.name, "%s", name ? name : "");
	for (const char *s = p.name; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return cli_error(EXIT_USAGE, "%s", _("--name holds a control character"));
	if (d && zs_resolve(z, KIND_DISTRICT, d, &p.district) != ZS_OK)
		return cli_error(EXIT_FAIL, _("--district: there is no district %s"), d);
	if (zs_node_enroll(z, &p, args_get(a, "reason")) != ZS_OK)
		return cli_fail(z);
	charset_printf(stdout, _("node %u enrolled\n"), p.node);
	return EXIT_OK;
}

/* Revokes a peer. */
static int node_revoke(struct zs *z, struct args *a)
{
	unsigned node = a->npos == 2 ? node_number(a->pos[1]) : 0;
	if (!node)
		return cli_error(EXIT_USAGE, "%s", _("usage: zsdesk node revoke NODE --reason WHY"));
	const char *why = args_get(a, "reason");
	if (!why || !*why)
		return cli_error(EXIT_USAGE, "%s", _("a revocation needs --reason WHY"));
	if (zs_node_revoke(z, node, why) != ZS_OK)
		return cli_fail(z);
	charset_printf(stdout, _("node %u revoked: its bundles are refused from now on\n"), node);
	return EXIT_OK;
}

struct list_ctx {
	struct zs *z;
	struct out *o;
};

/* One row of node list. */
static void list_one(void *vctx, const struct zs_peer *p)
{
	struct list_ctx *c = vctx;
	char num[16], pend[24], dist[128] = "";
	snprintf(num, sizeof num, "%u", p->node);
	snprintf(pend, sizeof pend, "%" PRIu64, p->pending);
	if (p->district) {
		struct rec r;
		rec_init(&r);
		if (zs_get(c->z, KIND_DISTRICT, p->district, &r) == ZS_OK)
			snprintf(dist, sizeof dist, "%s", rec_text(&r, "name", ""));
		rec_free(&r);
	} else {
		snprintf(dist, sizeof dist, "%s", _("all"));
	}
	char key[20];
	snprintf(key, sizeof key, "%.16s", p->key);
	const char *row[9] = {num, p->name, dist, p->officers, key,
			      p->revoked ? _("revoked") : _("active"), p->last_in, p->last_out, pend};
	out_row(c->o, row);
}

/* Lists the enrolled peers. */
static int node_list(struct zs *z, struct args *a)
{
	(void)a;
	static const char *const keys[] = {"node", "name", "district", "officers", "key",
					   "state", "last_in", "last_out", "pending"};
	static const char *const labels[] = {N_("Node"), N_("Name"), N_("District"),
					     N_("Officers"), N_("Key"), N_("State"),
					     N_("Last received"), N_("Last sent"), N_("Pending")};
	struct list_ctx c = {z, out_begin(9, keys, labels)};
	if (zs_node_list(z, list_one, &c) != ZS_OK) {
		out_free(c.o);
		return cli_fail(z);
	}
	return out_end(c.o);
}

static const struct cli_option init_options[] = {
	{"node", "N", N_("make this copy node N (a copy of another database becoming a laptop)")},
	{NULL, NULL, NULL},
};

static const struct cli_option enroll_options[] = {
	{"key", "KEY", N_("the node's public key, as `zsdesk node show` prints it there")},
	{"district", "D", N_("the one district it holds (a laptop); none: every district")},
	{"officers", "LOGIN,...", N_("the officers who work on it; none: any")},
	{"name", "NAME", N_("a name for people (\"南湖区 laptop 3\")")},
	{"reason", "WHY", N_("why, for the audit log")},
	{NULL, NULL, NULL},
};

static const struct cli_option revoke_options[] = {
	{"reason", "WHY", N_("why, for the audit log")},
	{NULL, NULL, NULL},
};

static const struct cli_verb node_verbs[] = {
	{"show", "", N_("This copy's node number and public key"), node_show, NULL,
	 CMD_DATABASE | CMD_READONLY},
	{"init", "[--node N]", N_("Make this copy's key pair, and with --node its own number"),
	 node_init, init_options, CMD_DATABASE},
	{"enroll", "NODE --key KEY [--district D] [--officers LOGIN,...] [--name NAME]",
	 N_("Enroll another copy (a laptop, a district, the city) to exchange with"), node_enroll,
	 enroll_options, CMD_DATABASE},
	{"revoke", "NODE --reason WHY", N_("Refuse a node's bundles from now on"), node_revoke,
	 revoke_options, CMD_DATABASE},
	{"list", "", N_("The enrolled nodes: district, officers, last exchange, pending"),
	 node_list, NULL, CMD_DATABASE | CMD_READONLY},
	{NULL, NULL, NULL, NULL, NULL, 0},
};

const struct command cmd_node = {
	.name = "node",
	.summary = N_("This copy's node identity and the copies it exchanges with"),
	.verbs = node_verbs,
};
