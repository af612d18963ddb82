// Right way, the control: a rules file sees its own layer and the core. Must compile,
// so that the wrong-way checks fail for the wall and not for a broken setup.
#include "event.hpp"
#include "sla.hpp"
