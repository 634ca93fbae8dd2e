// libsodium, from the system: Debian's libsodium-dev. Its multi-part signing API
// (crypto_sign_init / _update / _final_create / _final_verify) is Ed25519ph, RFC 8032 §5.1.
#include <sodium.h>
