// Nothing is defined here: a C target needs a source file, and the functions CMLDSA.h declares
// are BoringSSL's, linked through swift-crypto's `Crypto` product (see the header).
#include "CMLDSA.h"
