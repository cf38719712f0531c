// Intentionally empty: SwiftPM needs one source file for a C target; CLinux.h is the interface.
#include "CLinux.h"
