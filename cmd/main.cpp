// svc: after-sales service management. All the work is in lib/ (libsvc); the
// subcommands in cmd/ parse options and call it; run() catches errors once.
#include "app.hpp"

int main(int argc, char** argv) { return svc::cli::run(argc, argv); }
