// fw-block: turn verdicts into firewall blocks — safe by default, reversible, local or over SSH.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::fw_block::MakeSpec(), argc, argv);
}
