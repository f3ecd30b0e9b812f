// SIGINT/SIGTERM as a flag that long-running loops poll, so a tool stops cleanly: outputs and
// state files stay either the old or the new version, never half of one.
#ifndef SECKIT_INTERRUPT_H_
#define SECKIT_INTERRUPT_H_

namespace seckit {

// Installs the handlers (ToolMain does this once). A second signal kills the process at once.
void InstallInterruptHandlers();

// True once SIGINT or SIGTERM arrived.
bool Interrupted();

}  // namespace seckit

#endif  // SECKIT_INTERRUPT_H_
