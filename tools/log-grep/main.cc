// log-grep: search and parse logs, as grep-like text or JSON lines.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::log_grep::MakeSpec(), argc, argv);
}
