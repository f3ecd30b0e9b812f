# fish completion for anomaly-detect
# Generated from the command-line definition of anomaly-detect (seckit cli_doc); do not edit.

complete -c anomaly-detect -f
complete -c anomaly-detect -s h -l help -d 'Print this help message and exit'
complete -c anomaly-detect -l version -d 'Print the version and exit'
complete -c anomaly-detect -s q -l quiet -d 'Print no warnings, only errors'
complete -c anomaly-detect -s v -l verbose -d 'Print notes on what is being done'
complete -c anomaly-detect -s o -l output -r -F -d 'Write records to FILE (atomically: temp file, then rename) instead of standard output'
complete -c anomaly-detect -l config -r -F -d 'Read configuration from FILE (default: $XDG_CONFIG_HOME/seckit/config.toml)'
complete -c anomaly-detect -l strict -d 'Stop at the first malformed input instead of reporting and skipping it'
complete -c anomaly-detect -l progress -d 'Show progress on stderr even when it is not a terminal'
complete -c anomaly-detect -l line-buffered -d 'Flush output after every record'
complete -c anomaly-detect -l only-alerts -d 'Write only the alerts, not the input records'
complete -c anomaly-detect -l detectors -x -a 'brute_force scan beacon dns exfil rarity outlier' -d 'Run only these detectors, comma-separated (default: all)'
complete -c anomaly-detect -l baseline -r -F -d 'Score outliers against the model in FILE instead of training on the input'
complete -c anomaly-detect -l baseline-out -r -F -d 'Save the outlier model trained on the input to FILE'
complete -c anomaly-detect -F
