// Wrong way: the operations may not see the reports. Must not compile.
#include "reports.hpp"
