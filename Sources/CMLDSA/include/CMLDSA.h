// ML-DSA (FIPS 204) from the BoringSSL that swift-crypto vendors: declarations only.
//
// swift-crypto 4.5's `Crypto` API has ML-DSA-65 and ML-DSA-87 signing of whole messages, but no
// ML-DSA-44 and no signing from a caller's message representative μ. Its vendored BoringSSL has
// both, and the `Crypto` product links BoringSSL's object files into every binary that uses it;
// but `CCryptoBoringSSL` is not a product another package may import. So the prototypes and
// structures below are copied from swift-crypto 4.5.2,
// Sources/CCryptoBoringSSL/include/CCryptoBoringSSL_mldsa.h (ML-DSA) and
// CCryptoBoringSSL_bytestring.h (CBS, CBB), with the `CCryptoBoringSSL_` prefix that its
// boringssl_prefix_symbols.h gives every symbol. The definitions are swift-crypto's, linked through
// the `Crypto` product that KeyManagement also depends on.
//
// The private and public key structures are opaque byte arrays whose size BoringSSL may change:
// a swift-crypto that vendors another BoringSSL must be checked against this header before
// Package.swift allows it (it allows exactly 4.5.2; the
// known-answer tests in MLDSATests would fail on a mismatched layout, but only if it does not
// crash first).
//
// Left out on purpose: MLDSAxx_generate_key, which draws its seed from BoringSSL's own CSPRNG
// (Arca draws seeds from its injected source and calls _private_key_from_seed), and the
// pre-hashing functions, which Arca does not use.

#ifndef ARCA_CMLDSA_H
#define ARCA_CMLDSA_H

#include <stddef.h>
#include <stdint.h>

#if defined(__cplusplus)
extern "C" {
#endif

// CCryptoBoringSSL_bytestring.h

typedef struct cbs_st CBS;
typedef struct cbb_st CBB;

struct cbs_st {
  const uint8_t *data;
  size_t len;
};

struct cbb_buffer_st {
  uint8_t *buf;
  size_t len;
  size_t cap;
  unsigned can_resize : 1;
  unsigned error : 1;
};

struct cbb_child_st {
  struct cbb_buffer_st *base;
  size_t offset;
  uint8_t pending_len_len;
  unsigned pending_is_asn1 : 1;
};

struct cbb_st {
  CBB *child;
  char is_child;
  union {
    struct cbb_buffer_st base;
    struct cbb_child_st child;
  } u;
};

// CBB_init_fixed initialises |cbb| to write to |len| bytes at |buf|. [...] This function is
// infallible and always returns one.
int CCryptoBoringSSL_CBB_init_fixed(CBB *cbb, uint8_t *buf, size_t len);

// CBB_len returns the number of bytes written to |cbb|'s top-level |CBB|.
size_t CCryptoBoringSSL_CBB_len(const CBB *cbb);

// CCryptoBoringSSL_mldsa.h

#define MLDSA_SEED_BYTES 32
#define MLDSA_MU_BYTES 64

struct MLDSA44_private_key {
  union {
    uint8_t bytes[32 + 32 + 64 + 256 * 4 * (4 + 4 + 4)];
    uint32_t alignment;
  } opaque;
};

struct MLDSA44_public_key {
  union {
    uint8_t bytes[32 + 64 + 256 * 4 * 4];
    uint32_t alignment;
  } opaque;
};

#define MLDSA44_PUBLIC_KEY_BYTES 1312
#define MLDSA44_SIGNATURE_BYTES 2420

struct MLDSA65_private_key {
  union {
    uint8_t bytes[32 + 32 + 64 + 256 * 4 * (5 + 6 + 6)];
    uint32_t alignment;
  } opaque;
};

struct MLDSA65_public_key {
  union {
    uint8_t bytes[32 + 64 + 256 * 4 * 6];
    uint32_t alignment;
  } opaque;
};

#define MLDSA65_PUBLIC_KEY_BYTES 1952
#define MLDSA65_SIGNATURE_BYTES 3309

struct MLDSA87_private_key {
  union {
    uint8_t bytes[32 + 32 + 64 + 256 * 4 * (7 + 8 + 8)];
    uint32_t alignment;
  } opaque;
};

struct MLDSA87_public_key {
  union {
    uint8_t bytes[32 + 64 + 256 * 4 * 8];
    uint32_t alignment;
  } opaque;
};

#define MLDSA87_PUBLIC_KEY_BYTES 2592
#define MLDSA87_SIGNATURE_BYTES 4627

// MLDSAxx_private_key_from_seed regenerates a private key from a seed value [...]. Returns 1 on
// success and 0 on allocation failure or if |seed_len| is incorrect.
int CCryptoBoringSSL_MLDSA44_private_key_from_seed(struct MLDSA44_private_key *out_private_key,
                                                   const uint8_t *seed, size_t seed_len);
int CCryptoBoringSSL_MLDSA65_private_key_from_seed(struct MLDSA65_private_key *out_private_key,
                                                   const uint8_t *seed, size_t seed_len);
int CCryptoBoringSSL_MLDSA87_private_key_from_seed(struct MLDSA87_private_key *out_private_key,
                                                   const uint8_t *seed, size_t seed_len);

// MLDSAxx_public_from_private sets |*out_public_key| to the public key that corresponds to
// |private_key|. Returns 1 on success and 0 on failure.
int CCryptoBoringSSL_MLDSA44_public_from_private(struct MLDSA44_public_key *out_public_key,
                                                 const struct MLDSA44_private_key *private_key);
int CCryptoBoringSSL_MLDSA65_public_from_private(struct MLDSA65_public_key *out_public_key,
                                                 const struct MLDSA65_private_key *private_key);
int CCryptoBoringSSL_MLDSA87_public_from_private(struct MLDSA87_public_key *out_public_key,
                                                 const struct MLDSA87_private_key *private_key);

// MLDSAxx_sign generates a signature for the message |msg| of length |msg_len| using
// |private_key| (following the randomized algorithm) [...]. |context| and |context_len| may be
// |NULL| and 0 to use an empty context (this is common). Returns 1 on success and 0 on failure.
int CCryptoBoringSSL_MLDSA44_sign(uint8_t out_encoded_signature[MLDSA44_SIGNATURE_BYTES],
                                  const struct MLDSA44_private_key *private_key, const uint8_t *msg,
                                  size_t msg_len, const uint8_t *context, size_t context_len);
int CCryptoBoringSSL_MLDSA65_sign(uint8_t out_encoded_signature[MLDSA65_SIGNATURE_BYTES],
                                  const struct MLDSA65_private_key *private_key, const uint8_t *msg,
                                  size_t msg_len, const uint8_t *context, size_t context_len);
int CCryptoBoringSSL_MLDSA87_sign(uint8_t out_encoded_signature[MLDSA87_SIGNATURE_BYTES],
                                  const struct MLDSA87_private_key *private_key, const uint8_t *msg,
                                  size_t msg_len, const uint8_t *context, size_t context_len);

// MLDSAxx_verify verifies that |signature| constitutes a valid signature for the message |msg|
// of length |msg_len| using |public_key|. [...] Returns 1 on success or 0 on error.
int CCryptoBoringSSL_MLDSA44_verify(const struct MLDSA44_public_key *public_key,
                                    const uint8_t *signature, size_t signature_len,
                                    const uint8_t *msg, size_t msg_len, const uint8_t *context,
                                    size_t context_len);
int CCryptoBoringSSL_MLDSA65_verify(const struct MLDSA65_public_key *public_key,
                                    const uint8_t *signature, size_t signature_len,
                                    const uint8_t *msg, size_t msg_len, const uint8_t *context,
                                    size_t context_len);
int CCryptoBoringSSL_MLDSA87_verify(const struct MLDSA87_public_key *public_key,
                                    const uint8_t *signature, size_t signature_len,
                                    const uint8_t *msg, size_t msg_len, const uint8_t *context,
                                    size_t context_len);

// MLDSAxx_sign_message_representative generates a signature for the pre-hashed message
// |msg_rep| using |private_key| (following the randomized algorithm) [...]. Returns 1 on success
// and 0 on failure.
int CCryptoBoringSSL_MLDSA44_sign_message_representative(
    uint8_t out_encoded_signature[MLDSA44_SIGNATURE_BYTES],
    const struct MLDSA44_private_key *private_key, const uint8_t msg_rep[MLDSA_MU_BYTES]);
int CCryptoBoringSSL_MLDSA65_sign_message_representative(
    uint8_t out_encoded_signature[MLDSA65_SIGNATURE_BYTES],
    const struct MLDSA65_private_key *private_key, const uint8_t msg_rep[MLDSA_MU_BYTES]);
int CCryptoBoringSSL_MLDSA87_sign_message_representative(
    uint8_t out_encoded_signature[MLDSA87_SIGNATURE_BYTES],
    const struct MLDSA87_private_key *private_key, const uint8_t msg_rep[MLDSA_MU_BYTES]);

// MLDSAxx_marshal_public_key serializes |public_key| to |out| in the standard format for
// ML-DSA-xx public keys. It returns 1 on success or 0 on allocation error.
int CCryptoBoringSSL_MLDSA44_marshal_public_key(CBB *out, const struct MLDSA44_public_key *public_key);
int CCryptoBoringSSL_MLDSA65_marshal_public_key(CBB *out, const struct MLDSA65_public_key *public_key);
int CCryptoBoringSSL_MLDSA87_marshal_public_key(CBB *out, const struct MLDSA87_public_key *public_key);

// MLDSAxx_parse_public_key parses a public key, in the format generated by
// |MLDSAxx_marshal_public_key|, from |in| and writes the result to |out_public_key|. It returns
// 1 on success or 0 on parse error or if there are trailing bytes in |in|.
int CCryptoBoringSSL_MLDSA44_parse_public_key(struct MLDSA44_public_key *public_key, CBS *in);
int CCryptoBoringSSL_MLDSA65_parse_public_key(struct MLDSA65_public_key *public_key, CBS *in);
int CCryptoBoringSSL_MLDSA87_parse_public_key(struct MLDSA87_public_key *public_key, CBS *in);

#if defined(__cplusplus)
}  // extern C
#endif

#endif  // ARCA_CMLDSA_H
