/*
 * codec.h - the on-disk encoding of records (CBOR, RFC 8949).
 *
 * Private to the store: only files under src/store include it.
 *
 * A stored record is the self-describe tag 55799 followed by one CBOR map
 * with text keys.  Keys beginning with "_" are bookkeeping:
 *   "_f"  encoding format version (CODEC_FORMAT)
 *   "_v"  record version, 1 on creation and one more on every save
 *   "_c"  HLC stamp of creation (unsigned, see store.h)
 *   "_m"  map field name -> HLC stamp, for fields changed after creation
 * Every other key is a field: integer, true/false, text, array of texts,
 * or any other CBOR item, which is kept as raw bytes and written back
 * unchanged.  Any CBOR tool (cbor2, cbor-diag, ...) can read a record.
 */
#ifndef ZSDESK_CODEC_H
#define ZSDESK_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "rec.h"

#define CODEC_FORMAT 1

/* A growable byte buffer. */
struct buf {
	unsigned char *p;
	size_t len, cap;
};

/* Appends n bytes to b. */
void buf_add(struct buf *b, const void *data, size_t n);

/* Releases b's memory. */
void buf_free(struct buf *b);

/* Appends the encoding of r to out. */
void codec_encode(const struct rec *r, struct buf *out);

/* Decodes data[0..len) into r (which is re-initialised); returns 0, or -1
 * for bytes that are not a record, with a reason in err. */
int codec_decode(const void *data, size_t len, struct rec *r, char *err, size_t errlen);

/* Decodes into r only the fields of data named in names (NULL-ended),
 * without their stamps; returns 0, or -1 for bytes that are not a record. */
int codec_decode_fields(const void *data, size_t len, const char *const *names, struct rec *r);

/* Appends the CBOR encoding of one value to out. */
void codec_encode_value(const struct rec_value *v, struct buf *out);

/* Decodes one CBOR value at data; returns bytes used, or 0 on error. */
size_t codec_decode_value(const void *data, size_t len, struct rec_value *v);

/* Low-level writers shared by the journal and audit encoders. */
void codec_put_uint(struct buf *b, uint64_t u);
void codec_put_int(struct buf *b, int64_t i);
void codec_put_text(struct buf *b, const char *s, size_t n);
void codec_put_bytes(struct buf *b, const void *p, size_t n);
void codec_put_map(struct buf *b, size_t n);
void codec_put_array(struct buf *b, size_t n);
void codec_put_bool(struct buf *b, int v);
void codec_put_null(struct buf *b);

/* A cursor over CBOR bytes for readers of log entries. */
struct codec_reader {
	const unsigned char *p;
	size_t len, pos;
};

/* Each reads one item of the named kind at r->pos and advances; they return
 * 0, or -1 when the item is missing, malformed or of another kind. */
int codec_read_map(struct codec_reader *r, uint64_t *n);
int codec_read_array(struct codec_reader *r, uint64_t *n);
int codec_read_uint(struct codec_reader *r, uint64_t *u);
int codec_read_int(struct codec_reader *r, int64_t *i);
int codec_read_text(struct codec_reader *r, const char **s, size_t *n);
int codec_read_value(struct codec_reader *r, struct rec_value *v);
int codec_skip(struct codec_reader *r);

/* True when the text s[0..n) equals the NUL-terminated key. */
int codec_key_is(const char *s, size_t n, const char *key);

#endif
