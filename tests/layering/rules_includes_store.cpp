// Wrong way: the rules are pure and may not see the store. Must not compile.
#include "store.hpp"
