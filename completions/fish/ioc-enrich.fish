# fish completion for ioc-enrich
# Generated from the command-line definition of ioc-enrich (seckit cli_doc); do not edit.

complete -c ioc-enrich -f
complete -c ioc-enrich -s h -l help -d 'Print this help message and exit'
complete -c ioc-enrich -l version -d 'Print the version and exit'
complete -c ioc-enrich -s q -l quiet -d 'Print no warnings, only errors'
complete -c ioc-enrich -s v -l verbose -d 'Print notes on what is being done'
complete -c ioc-enrich -s o -l output -r -F -d 'Write records to FILE (atomically: temp file, then rename) instead of standard output'
complete -c ioc-enrich -l config -r -F -d 'Read configuration from FILE (default: $XDG_CONFIG_HOME/seckit/config.toml)'
complete -c ioc-enrich -l strict -d 'Stop at the first malformed input instead of reporting and skipping it'
complete -c ioc-enrich -l progress -d 'Show progress on stderr even when it is not a terminal'
complete -c ioc-enrich -l line-buffered -d 'Flush output after every record'
complete -c ioc-enrich -s i -l indicators -r -F -d 'Read indicators from a plain list FILE instead of records (repeatable)'
complete -c ioc-enrich -l feed -x -d 'Look indicators up in a local feed [FORMAT:]FILE (repeatable)'
complete -c ioc-enrich -l mmdb -r -F -d 'Add geo/AS context from an .mmdb FILE (repeatable)'
complete -c ioc-enrich -l provider -x -d 'Ask the online provider NAME (repeatable)'
complete -c ioc-enrich -l provider-url -x -d 'Send a provider\'s requests to URL instead (NAME=URL, repeatable)'
complete -c ioc-enrich -l field -r -F -d 'Take indicators from field PATH instead of the default list (repeatable)'
complete -c ioc-enrich -l cache -r -F -d 'Keep provider answers in the SQLite FILE'
complete -c ioc-enrich -l no-cache -d 'Neither read nor write the answer cache'
complete -c ioc-enrich -l offline -d 'Ask no online provider: answer from the cache and local sources only'
complete -c ioc-enrich -l all-addresses -d 'Also send private and other non-global addresses to providers and .mmdb'
complete -c ioc-enrich -l min-score -x -d 'Write only records whose ioc.score reaches N (0-100)'
complete -c ioc-enrich -l concurrency -x -d 'Requests in flight at once, over all providers'
complete -c ioc-enrich -l timeout -x -d 'Give up on one attempt after SECONDS'
complete -c ioc-enrich -l ca-file -r -F -d 'Verify HTTPS servers against the CA certificates in the PEM FILE only'
complete -c ioc-enrich -F
