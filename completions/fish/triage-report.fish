# fish completion for triage-report
# Generated from the command-line definition of triage-report (seckit cli_doc); do not edit.

complete -c triage-report -f
complete -c triage-report -s h -l help -d 'Print this help message and exit'
complete -c triage-report -l version -d 'Print the version and exit'
complete -c triage-report -s q -l quiet -d 'Print no warnings, only errors'
complete -c triage-report -s v -l verbose -d 'Print notes on what is being done'
complete -c triage-report -s o -l output -r -F -d 'Write records to FILE (atomically: temp file, then rename) instead of standard output'
complete -c triage-report -l config -r -F -d 'Read configuration from FILE (default: $XDG_CONFIG_HOME/seckit/config.toml)'
complete -c triage-report -l strict -d 'Stop at the first malformed input instead of reporting and skipping it'
complete -c triage-report -l progress -d 'Show progress on stderr even when it is not a terminal'
complete -c triage-report -l line-buffered -d 'Flush output after every record'
complete -c triage-report -l format -x -a 'text json md html timesketch' -d 'Report format (default: by -o\'s extension, else text on a terminal, json otherwise)'
complete -c triage-report -l fail-on -x -a 'info low medium high critical' -d 'Exit with status 1 when a finding at or above SEVERITY exists'
complete -c triage-report -l since -x -d 'Read only records at or after TIME (RFC 3339)'
complete -c triage-report -l until -x -d 'Read only records at or before TIME (RFC 3339)'
complete -c triage-report -l title -x -d 'The report\'s title'
complete -c triage-report -l rules -r -F -d 'Finding rules from the TOML FILE instead of the built-in ones'
complete -c triage-report -l print-rules -d 'Print the built-in rules (TOML) and exit'
complete -c triage-report -l max-distinct -x -d 'Keys per counting table before counts become approximate'
complete -c triage-report -l max-citations -x -d 'Records cited per finding'
complete -c triage-report -l top -x -d 'Entries in each top list'
complete -c triage-report -l threads -x -d 'Threads: 2 or more parse the input on a second core (see THREADS)'
complete -c triage-report -F
