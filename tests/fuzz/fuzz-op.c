/*
 * fuzz-op.c - libFuzzer target for the wire form of a sync operation
 * (store_op_decode, src/store/sync.c): the bytes a bundle from another
 * copy carries, so anything an altered or hostile bundle may hold.
 *
 * store_op_decode must accept or refuse the input without a memory error
 * or leak; what it accepts has an origin, a sequence, a stamp, a table
 * name and field names that are NUL-terminated and of the lengths allowed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_log e;
	if (store_op_decode(data, size, &e) < 0)
		return 0;
	if (!e.node || !e.origin_seq || !e.hlc || !e.table[0] ||
	    strlen(e.table) >= sizeof e.table || strlen(e.op) >= sizeof e.op)
		abort();
	for (size_t i = 0; i < e.n; i++) {
		size_t l = strlen(e.c[i].field);
		if (l == 0 || l > 63)
			abort();
		char buf[64];
		rec_value_str(&e.c[i].new, buf, sizeof buf);
		rec_value_str(&e.c[i].old, buf, sizeof buf);
	}
	store_log_free(&e);
	return 0;
}
