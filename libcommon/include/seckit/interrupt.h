// SIGINT/SIGTERM as a flag that long-running loops poll, so a tool stops cleanly: outputs and
// state files stay either the old or the new version, never half of one.
#ifndef SECKIT_INTERRUPT_H_
#define SECKIT_INTERRUPT_H_

namespace seckit {

// Installs the handlers (ToolMain does this once). A second signal kills the process at once.
void InstallInterruptHandlers();

// True once SIGINT or SIGTERM arrived (and was not acknowledged).
bool Interrupted();

// For tools where a signal is the normal way to stop (a live capture ended with Ctrl-C): the
// tool finishes its output and the run ends as a success rather than as interrupted. A further
// signal still interrupts.
void AcknowledgeInterrupt();

}  // namespace seckit

#endif  // SECKIT_INTERRUPT_H_
