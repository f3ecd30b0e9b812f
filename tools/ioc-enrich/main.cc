// ioc-enrich: enrich the indicators in records from local feeds, .mmdb files and online APIs.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::ioc_enrich::MakeSpec(), argc, argv);
}
