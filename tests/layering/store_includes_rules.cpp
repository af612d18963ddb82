// Wrong way: the store may not see the rules. Must not compile.
#include "sla.hpp"
