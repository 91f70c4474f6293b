/*
 * gen-codec-seeds.c - writes the seed records of corpus/codec/ by encoding
 * records with codec_encode, so the seeds are exactly what the store keeps.
 * Not part of any build; to regenerate (from the top of the tree):
 *
 *   cc -Iinclude -Ibuild tests/fuzz/gen-codec-seeds.c src/store/codec.c \
 *      src/base/rec.c src/base/xalloc.c -lcbor -o /tmp/gen && \
 *      (cd tests/fuzz/corpus/codec && /tmp/gen)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/codec.h"
#include "rec.h"

static void save(const char *name, const struct rec *r)
{
	struct buf b = {0};
	codec_encode(r, &b);
	FILE *f = fopen(name, "wb");
	if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f)) {
		perror(name);
		exit(1);
	}
	buf_free(&b);
}

static void save_value(const char *name, const struct rec_value *v)
{
	struct buf b = {0};
	codec_encode_value(v, &b);
	FILE *f = fopen(name, "wb");
	if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f)) {
		perror(name);
		exit(1);
	}
	buf_free(&b);
}

int main(void)
{
	struct rec r;

	/* An empty record, never saved. */
	rec_init(&r);
	save("seed-empty", &r);

	/* A project as the desk saves it. */
	rec_init(&r);
	r.version = 3;
	r.created = 0x0001937a2b3c4d00ULL;
	rec_set_text(&r, "name", "新能源电池项目");
	rec_set_text(&r, "stage", "talks");
	rec_set_int(&r, "investment", 150000000);
	rec_set_int(&r, "foreign_capital", 3000000);
	rec_set_text(&r, "currency", "CNY");
	rec_set_bool(&r, "strategic", true);
	char *inds[] = {"energy", "manufacturing"};
	rec_set_list(&r, "industries", inds, 2);
	rec_set_int(&r, "expected_sign", 20779);
	rec_set_int(&r, "enterprise", 42);
	rec_set_int(&r, "land", -1);
	/* Two fields changed after creation: the "_m" map. */
	r.f[1].stamp = r.created + 1000;
	r.f[2].stamp = r.created + 2000;
	save("seed-project", &r);

	/* A field this version does not understand, kept raw: a map and a float. */
	struct rec_value raw = {.type = REC_RAW};
	static const unsigned char rawmap[] = {0xa2, 0x61, 'a', 0xf9, 0x3c, 0x00, 0x61, 'b',
					       0x9f, 0x01, 0x02, 0xff};
	raw.s = (char *)rawmap;
	raw.len = sizeof rawmap;
	rec_set(&r, "future", &raw);
	rec_set_int(&r, "big", INT64_MIN);
	save("seed-project-raw", &r);
	rec_free(&r);

	/* An enterprise with a credit code. */
	rec_init(&r);
	r.version = 1;
	r.created = 1;
	rec_set_text(&r, "name", "北京中关村科技有限公司");
	rec_set_text(&r, "credit_code", "91110108MA01ABCD2X");
	rec_set_text(&r, "contact", "张三");
	rec_set_text(&r, "phone", "+86 10 1234 5678");
	save("seed-enterprise", &r);
	rec_free(&r);

	/* Single values, for codec_decode_value and the reader. */
	struct rec_value v = {.type = REC_TEXT, .s = "海淀区", .len = strlen("海淀区")};
	save_value("value-text", &v);
	char *items[] = {"中关村", "上地", ""};
	struct rec_value l = {.type = REC_LIST, .items = items, .n = 3};
	save_value("value-list", &l);
	struct rec_value i = {.type = REC_INT, .i = -1234567890123LL};
	save_value("value-int", &i);

	/* A journal-like entry for the reader: map of uint, text, nested array. */
	struct buf b = {0};
	codec_put_map(&b, 4);
	codec_put_text(&b, "node", 4);
	codec_put_uint(&b, 7);
	codec_put_text(&b, "at", 2);
	codec_put_int(&b, -5);
	codec_put_text(&b, "changes", 7);
	codec_put_array(&b, 1);
	codec_put_array(&b, 2);
	codec_put_text(&b, "name", 4);
	codec_put_uint(&b, 3);
	codec_put_text(&b, "bytes", 5);
	codec_put_bytes(&b, "\x00\x01\x02", 3);
	FILE *f = fopen("seed-log-entry", "wb");
	if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f))
		return 1;
	buf_free(&b);
	return 0;
}
