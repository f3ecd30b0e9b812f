// Signal handlers that only set a flag; the work loops decide where it is safe to stop.
#include "seckit/interrupt.h"

#include <csignal>

namespace seckit {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_acknowledged = 0;

extern "C" void OnInterrupt(int signal_number) {
  if (g_interrupted != 0 && g_acknowledged == 0) {  // asked twice: stop now
    // Nothing a signal handler could do if these failed.
    (void)std::signal(signal_number, SIG_DFL);
    (void)std::raise(signal_number);
    return;
  }
  g_interrupted = signal_number;
  g_acknowledged = 0;
}

}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns EINTR and sees the flag
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool Interrupted() { return g_interrupted != 0 && g_acknowledged == 0; }

void AcknowledgeInterrupt() { g_acknowledged = 1; }

}  // namespace seckit
