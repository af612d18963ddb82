// Wrong way: the core sees nothing above it. Must not compile.
#include "calendar.hpp"
