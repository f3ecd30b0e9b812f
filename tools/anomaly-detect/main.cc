// anomaly-detect: behavioural detections and outlier scoring over JSON-lines records.
#include "options.h"

int main(int argc, char** argv) {
  return seckit::ToolMain(seckit::anomaly_detect::MakeSpec(), argc, argv);
}
