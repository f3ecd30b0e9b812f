/* Test support, built only for disk-carve's tests: deletes files from an NTFS image with the real
 * NTFS driver code (libntfs-3g's ntfs_delete, what the ntfs-3g FUSE driver's unlink calls), so the
 * tests get deleted files the way a system leaves them, and makes directories (ntfs_create, as its
 * mkdir) for ntfscp to copy into. Nothing here can mount NTFS (no FUSE), and ntfsprogs has neither
 * rm nor mkdir; ntfs_mount opens an image file directly, as ntfscp does.
 *
 * Usage: disk-carve-test-ntfs-delete IMAGE (mkdir|rm) /PATH [(mkdir|rm) /PATH ...]
 * Paths are absolute inside the volume ("/dir/name"); operations run in order, each in a session
 * of its own. Exit status 0 when every one succeeded, 1 at the first that failed (with the reason
 * on stderr), 2 for a usage error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ntfs-3g's headers are not self-contained: volume.h (which brings in inode.h) before dir.h, and
 * <sys/stat.h> before both (its st_mtime macro keeps ntfstime.h from redefining timespec). */
/* clang-format off */
#include <ntfs-3g/volume.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/unistr.h>
/* clang-format on */

/* Opens the parent directory of `path` ("/a/b") and converts its last component; 0 on success. */
static int OpenParent(ntfs_volume* vol, const char* path, ntfs_inode** dir_ni, ntfschar** uname,
                      int* uname_len) {
  const char* slash = strrchr(path, '/');
  if (path[0] != '/' || slash == NULL || slash[1] == '\0') {
    fprintf(stderr, "%s: not an absolute file path\n", path);
    return -1;
  }
  const size_t parent_len = slash == path ? 1 : (size_t)(slash - path);
  char* parent = strndup(path, parent_len);
  if (parent == NULL) return -1;
  *dir_ni = ntfs_pathname_to_inode(vol, NULL, parent);
  free(parent);
  if (*dir_ni == NULL) {
    fprintf(stderr, "%s: parent directory not found: %s\n", path, strerror(errno));
    return -1;
  }
  *uname = NULL;
  *uname_len = ntfs_mbstoucs(slash + 1, uname);
  if (*uname_len <= 0 || *uname_len > 255) {
    fprintf(stderr, "%s: name cannot be converted\n", path);
    ntfs_inode_close(*dir_ni);
    free(*uname);
    return -1;
  }
  return 0;
}

/* Deletes `path` from `vol`; 0 on success. */
static int DeletePath(ntfs_volume* vol, const char* path) {
  ntfs_inode* dir_ni = NULL;
  ntfschar* uname = NULL;
  int uname_len = 0;
  if (OpenParent(vol, path, &dir_ni, &uname, &uname_len) != 0) return -1;
  ntfs_inode* ni = ntfs_pathname_to_inode(vol, NULL, path);
  if (ni == NULL) {
    fprintf(stderr, "%s: not found: %s\n", path, strerror(errno));
    ntfs_inode_close(dir_ni);
    free(uname);
    return -1;
  }
  /* ntfs_delete closes both inodes, whether it succeeds or not. */
  const int rc = ntfs_delete(vol, path, ni, dir_ni, uname, (u8)uname_len);
  if (rc != 0) fprintf(stderr, "%s: ntfs_delete failed: %s\n", path, strerror(errno));
  free(uname);
  return rc;
}

/* Makes the directory `path` in `vol`; 0 on success. */
static int MakeDirectory(ntfs_volume* vol, const char* path) {
  ntfs_inode* dir_ni = NULL;
  ntfschar* uname = NULL;
  int uname_len = 0;
  if (OpenParent(vol, path, &dir_ni, &uname, &uname_len) != 0) return -1;
  ntfs_inode* ni = ntfs_create(dir_ni, const_cpu_to_le32(0), uname, (u8)uname_len, S_IFDIR);
  int rc = 0;
  if (ni == NULL) {
    fprintf(stderr, "%s: ntfs_create failed: %s\n", path, strerror(errno));
    rc = -1;
  } else if (ntfs_inode_close_in_dir(ni, dir_ni) != 0) {
    fprintf(stderr, "%s: closing the new directory failed: %s\n", path, strerror(errno));
    rc = -1;
  }
  if (ntfs_inode_close(dir_ni) != 0) rc = -1;
  free(uname);
  return rc;
}

/* Runs one operation in a session of its own: within one session libntfs-3g loses index updates
 * (a second file deleted from the same directory stays in its index, a directory just emptied is
 * still "not empty"), and the image would not be what a system leaves. */
static int RunOperation(const char* image, const char* op, const char* path) {
  ntfs_volume* vol = ntfs_mount(image, NTFS_MNT_NONE);
  if (vol == NULL) {
    fprintf(stderr, "%s: cannot open as NTFS: %s\n", image, strerror(errno));
    return -1;
  }
  int rc = strcmp(op, "rm") == 0 ? DeletePath(vol, path) : MakeDirectory(vol, path);
  if (ntfs_umount(vol, FALSE) != 0) {
    fprintf(stderr, "%s: closing the volume failed: %s\n", image, strerror(errno));
    rc = -1;
  }
  return rc;
}

int main(int argc, char** argv) {
  if (argc < 4 || argc % 2 != 0) {
    fprintf(stderr, "usage: %s IMAGE (mkdir|rm) /PATH [(mkdir|rm) /PATH ...]\n", argv[0]);
    return 2;
  }
  for (int i = 2; i < argc; i += 2) {
    if (strcmp(argv[i], "mkdir") != 0 && strcmp(argv[i], "rm") != 0) {
      fprintf(stderr, "%s: unknown operation (mkdir or rm)\n", argv[i]);
      return 2;
    }
  }
  for (int i = 2; i < argc; i += 2) {
    if (RunOperation(argv[1], argv[i], argv[i + 1]) != 0) return 1;
  }
  return 0;
}
