// triage-report: from a pile of JSON lines to an incident report people can read.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::triage_report::MakeSpec(), argc, argv);
}
