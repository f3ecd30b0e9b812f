# fish completion for pcap-extract
# Generated from the command-line definition of pcap-extract (seckit cli_doc); do not edit.

complete -c pcap-extract -f
complete -c pcap-extract -s h -l help -d 'Print this help message and exit'
complete -c pcap-extract -l version -d 'Print the version and exit'
complete -c pcap-extract -s q -l quiet -d 'Print no warnings, only errors'
complete -c pcap-extract -s v -l verbose -d 'Print notes on what is being done'
complete -c pcap-extract -s o -l output -r -F -d 'Write records to FILE (atomically: temp file, then rename) instead of standard output'
complete -c pcap-extract -l config -r -F -d 'Read configuration from FILE (default: $XDG_CONFIG_HOME/seckit/config.toml)'
complete -c pcap-extract -l strict -d 'Stop at the first malformed input instead of reporting and skipping it'
complete -c pcap-extract -l progress -d 'Show progress on stderr even when it is not a terminal'
complete -c pcap-extract -l line-buffered -d 'Flush output after every record'
complete -c pcap-extract -s i -l interface -x -d 'Capture live from this interface'
complete -c pcap-extract -s f -l filter -x -d 'Only frames matching this BPF filter expression (pcap-filter(7))'
complete -c pcap-extract -s t -l type -x -a 'packet flow dns http tls all' -d 'Record types to write, comma-separated: packet, flow, dns, http, tls, all'
complete -c pcap-extract -s c -l count -x -d 'Stop after this many frames (0: no limit)'
complete -c pcap-extract -l duration -x -d 'Live capture: stop after this many seconds (0: until interrupted)'
complete -c pcap-extract -s s -l snaplen -x -d 'Live capture: bytes to keep of each frame'
complete -c pcap-extract -l no-promiscuous -d 'Live capture: do not put the interface into promiscuous mode'
complete -c pcap-extract -l flow-timeout -x -d 'End a flow after this many seconds without packets'
complete -c pcap-extract -l max-flows -x -d 'Keep at most this many flows in memory; the least recently active is ended early when more arrive'
complete -c pcap-extract -l checksums -x -a 'verify ignore' -d 'ignore: do not check, as tshark does by default (captures taken on the sending host carry unset checksums, left to the network card); verify: report DNS/HTTP/TLS packets whose IP, TCP or UDP checksum is wrong'
complete -c pcap-extract -F
