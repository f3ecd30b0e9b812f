// disk-carve's command line and self-description: the one source of --help, the man page and
// the shell completions.
#include <CLI/CLI.hpp>
#include <memory>

#include "options.h"

namespace seckit::disk_carve {
namespace {

constexpr const char* kDescription =
    R"TEXT(disk-carve reads disk images with The Sleuth Kit (libtsk): raw/dd images, split raw images (give the first segment, image.001 or image.aa), E01 (EWF) images when the installed libtsk was built with libewf, and block devices. A volume system (DOS/MBR, GPT, BSD, Mac, Sun) is walked partition by partition (--partition N picks the one in mmls slot N); every file system libtsk reads is listed (NTFS, FAT12/16/32, exFAT, ext2/3/4, HFS+, ISO 9660, UFS ...), and the volumes of an APFS container through its pool layer. A partition without a readable file system, or a corrupt area, gets a message naming its offset and the rest goes on.

list writes one disk.file record per file and directory, allocated or deleted, as fls -r finds them (including the Sleuth Kit's $OrphanFiles), with NTFS alternate data streams as records of their own (file.path ends in ":stream"). recover writes files out under a directory with a manifest; carve finds files by their signatures in unallocated space (or the whole image) and measures each by parsing its format.)TEXT";

constexpr const char* kRecover =
    R"TEXT(recover writes the selected files (all, --deleted, or filtered by --glob on the full path, --ext and --inode) under --out DIR, keeping the directory structure, and writes one disk.file record per file to the output with disk.recovered.path (the manifest). Names are made safe: "." and ".." components become "_." and "_..", control characters and bytes that are not UTF-8 are escaped as %XX, names longer than 200 bytes are shortened with a hash of the full name, and when a name is taken "~1", "~2" ... is added. Every directory and file is created relative to the output directory's descriptor with O_NOFOLLOW and O_EXCL (openat/mkdirat), so a hostile image can never write outside --out and no existing file is ever overwritten. Files that cannot be read (a deleted file whose blocks were reused) are reported and left out.)TEXT";

constexpr const char* kCarve =
    R"TEXT(carve scans the unallocated space of every file system and the space outside any readable file system (the whole image with --all) for the signatures of JPEG, PNG, GIF, BMP, PDF, ZIP (and OOXML: docx, xlsx, pptx), GZIP, ELF, PE and SQLite files, at every byte offset. Each candidate's length comes from parsing its format: JPEG markers and entropy-coded data up to EOI, PNG chunks (CRC-checked) up to IEND, GIF blocks up to the trailer, the BMP header's size, PDF up to the %%EOF its startxref belongs to, ZIP up to an end-of-central-directory record that points back to the start, the gzip deflate stream and its trailer (CRC-checked), ELF and PE section and header tables, SQLite page size times page count. A file whose format checks out is written as OFFSET.EXT under --out and reported valid; one cut short (by the end of the image or by bytes that break its format) is written as far as it checks out and reported with disk.carved.valid false and disk.carved.partial true. Each disk.carved record has the offset, length, type, digests (--hash, default sha256) and, with --yara, the matches.)TEXT";

constexpr const char* kLimits =
    R"TEXT(list and recover read each file system in a child process, because the Sleuth Kit itself can loop for minutes inside one call or ask for gigabytes on a hostile image (an ext2 directory with a huge size, an orphan search). The child's address space is limited to --fs-memory-limit (default 2 GiB): an allocation of libtsk's beyond it is refused and reported (libtsk itself often skips what needed the memory without a word), and it is stopped when it makes no progress — no entry walked, no content read — for --fs-stall-timeout seconds (default 60), or when one file system takes longer than --fs-timeout seconds in all (default 0: no limit). A stopped or crashed child is reported as bad input naming the image and the file system's offset ("stopped, the rest of this file system is missing"); the records it finished are kept, the other file systems are still read, and the exit status is 65. Setting all three to 0 reads in the disk-carve process itself, without a guard. Sanitizer (ASan) builds keep the time limits but set no address-space limit.)TEXT";

constexpr const char* kRecords =
    R"TEXT(disk.file: file.path, file.name, file.inode (NTFS streams as inode-type-id), file.type (file, dir, symlink, ...), file.size, file.deleted, file.mtime, file.atime, file.ctime, file.created (RFC 3339, omitted when the file system does not keep them), file.uid, file.gid (where the file system has owners), file.mode (octal), file.hash.md5/sha1/sha256, file.mime_type, disk.image.path, disk.partition.index/offset/description, disk.pool.type/volume_block, disk.fs.type, disk.fs.offset, disk.stream.name, disk.recovered.path, yara.matches (rule, namespace, tags, meta). disk.carved: disk.carved.offset, length, type, valid, partial, file.hash.*, file.extension, disk.recovered.path. A record with YARA matches has event.kind "alert". See docs/FORMAT.md.)TEXT";

void AddImage(CLI::App* sub, Options& o) {
  sub->add_option("image", o.image, "The disk image (or first segment, or block device)")
      ->type_name("FILE")
      ->required();
  sub->add_option("--partition", o.partition, "Only the partition in mmls slot N")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--yara", o.yara_rules,
                  "Scan contents with the YARA rules in FILE or in the *.yar files of a folder")
      ->type_name("PATH");
  sub->add_option("--yara-max-size", o.yara_max_size, "Scan only files up to BYTES with YARA")
      ->type_name("BYTES")
      ->capture_default_str();
  sub->add_flag("--mime", o.mime, "Add file.mime_type from the content (libmagic)");
  sub->fallthrough();
}

// The guard around libtsk (list and recover): each file system is read in a child process.
void AddGuard(CLI::App* sub, Options& o) {
  sub->add_option("--fs-memory-limit", o.fs_memory_limit,
                  "Address space of the process reading one file system, in bytes (0: no limit)")
      ->type_name("BYTES")
      ->capture_default_str();
  sub->add_option("--fs-stall-timeout", o.fs_stall_timeout,
                  "Stop a file system after this many seconds without progress (0: never)")
      ->type_name("SECONDS")
      ->capture_default_str();
  sub->add_option("--fs-timeout", o.fs_timeout,
                  "Stop a file system after this many seconds in all (0: never)")
      ->type_name("SECONDS")
      ->capture_default_str();
}

void AddFilters(CLI::App* sub, Options& o) {
  sub->add_flag("--deleted", o.deleted_only, "Only deleted files");
  sub->add_option("--glob", o.globs, "Only files whose full path matches PATTERN (repeatable)")
      ->type_name("PATTERN")
      ->allow_extra_args(false);
  sub->add_option("--ext", o.extensions, "Only files with extension EXT (repeatable)")
      ->type_name("EXT")
      ->allow_extra_args(false);
  sub->add_option("--inode", o.inodes, "Only the file with inode (or MFT entry) N (repeatable)")
      ->type_name("N")
      ->allow_extra_args(false);
}

void DefineCommands(CLI::App& app, const std::shared_ptr<Options>& options) {
  Options& o = *options;
  app.require_subcommand(1);
  CLI::App* list = app.add_subcommand("list", "Write a disk.file record per file and directory");
  AddImage(list, o);
  list->add_option("--hash", o.hashes, "Hash contents with md5,sha1,sha256 (comma-separated)")
      ->type_name("LIST");
  list->add_flag("--bodyfile", o.bodyfile, "Write Sleuth Kit body-file lines (for mactime)");
  AddFilters(list, o);
  AddGuard(list, o);
  list->callback([options] { options->command = Command::kList; });

  CLI::App* recover = app.add_subcommand("recover", "Write files out under a directory safely");
  AddImage(recover, o);
  recover->add_option("--out", o.out_dir, "Directory to write into (created if missing)")
      ->type_name("DIR")
      ->required();
  recover->add_option("--hash", o.hashes, "Digests for the manifest (default sha256)")
      ->type_name("LIST");
  AddFilters(recover, o);
  AddGuard(recover, o);
  recover->callback([options] { options->command = Command::kRecover; });

  CLI::App* carve = app.add_subcommand("carve", "Carve files by signature from unallocated space");
  AddImage(carve, o);
  carve->add_option("--out", o.out_dir, "Directory to write carved files into")
      ->type_name("DIR")
      ->required();
  carve
      ->add_option("--types", o.types,
                   "Only these types: jpg,png,gif,bmp,pdf,zip,gz,elf,exe,sqlite")
      ->type_name("LIST");
  carve->add_flag("--all", o.all_space, "Scan the whole image, not only unallocated space");
  carve->add_option("--max-size", o.max_size, "Longest file carved, in bytes")
      ->type_name("BYTES")
      ->capture_default_str();
  carve->add_option("--hash", o.hashes, "Digests of carved files (default sha256)")
      ->type_name("LIST");
  carve->callback([options] { options->command = Command::kCarve; });
}

constexpr const char* kMemory =
    R"TEXT(disk-carve's own memory does not grow with the size of the image or of its files: contents are read, hashed and written in chunks, and a file is held whole only to be scanned by YARA, up to --yara-max-size (64 MiB). carve maps the image (page cache, not the process's memory), measures each candidate by parsing it where it lies and writes at most --max-size (256 MiB) of it. What the Sleuth Kit itself allocates for a file system is bounded by --fs-memory-limit (see LIMITS).)TEXT";

}  // namespace

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "disk-carve";
  spec.info.summary = "list, recover, carve, hash and YARA-scan files in disk images";
  spec.info.description = kDescription;
  spec.info.sections = {{"RECOVER", kRecover},
                        {"CARVE", kCarve},
                        {"LIMITS", kLimits},
                        {"MEMORY", kMemory},
                        {"RECORDS", kRecords}};
  spec.info.examples = {
      {"disk-carve list image.dd | jq -c 'select(.file.deleted)'", "Deleted files and folders."},
      {"disk-carve list image.E01 --hash sha256 --yara rules/ | ioc-enrich",
       "Every file hashed and scanned, the hashes looked up in threat intel."},
      {"disk-carve list image.dd --bodyfile | mactime -b - -d > timeline.csv",
       "A MACB timeline with Sleuth Kit's mactime."},
      {"disk-carve recover image.dd --out evidence/ --deleted > evidence.jsonl",
       "Deleted files written out safely, with a manifest."},
      {"disk-carve carve image.dd --out carved/ --types jpg,pdf,zip",
       "Pictures, PDFs and archives carved from unallocated space."},
  };
  spec.info.exit_status_notes =
      "65 when part of an image could not be read (a corrupt directory, an unreadable allocated "
      "file, a file system stopped at a limit (see LIMITS): the rest is still listed) or when no "
      "file system is found; 66 when the image "
      "cannot be opened; 73 when a file cannot be created under --out; 78 when no YARA rules "
      "file compiles; 130 on SIGINT or SIGTERM, after removing the file being written, so that "
      "every file under --out is whole.";
  spec.info.see_also = {"fls(1)",      "icat(1)", "mmls(1)",       "mactime(1)",
                        "foremost(1)", "yara(1)", "ioc-enrich(1)", "seckit-format(7)"};
  spec.define = [options](CLI::App& app) { DefineCommands(app, options); };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::disk_carve
