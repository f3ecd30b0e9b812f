// Owner-only files for state that reveals what an investigation looked at (the answer cache).
#ifndef SECKIT_IOC_ENRICH_PRIVATE_FILE_H_
#define SECKIT_IOC_ENRICH_PRIVATE_FILE_H_

#include <string>

#include "seckit/status.h"

namespace seckit::ioc_enrich {

// Makes sure `path` exists as a regular file readable and writable by its owner only, whatever
// the umask: missing parent directories are created 0700 (existing ones are left as they are), a
// new file is created 0600, and an existing file that group or others may access has those bits
// removed. Symbolic links to the file are refused. Errors name the path: Status::CantCreate when
// a directory or the file cannot be created or opened, Status::NoPermission when an existing
// file cannot be made private, Status::DataError when the path is not a regular file.
Status PreparePrivateFile(const std::string& path);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_PRIVATE_FILE_H_
