// libsecp256k1 (bitcoin-core/secp256k1), from the system: Debian's libsecp256k1-dev.
#include <secp256k1.h>
