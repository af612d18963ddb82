// Wrong way: the readers may not see the store (the importer). Must not compile.
#include "importer.hpp"
