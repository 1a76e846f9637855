# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rpod_global_optspecs
    string join \n root= runroot= log-level= h/help V/version
end

function __fish_rpod_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rpod_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rpod_using_subcommand
    set -l cmd (__fish_rpod_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rpod -n "__fish_rpod_needs_command" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_needs_command" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_needs_command" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "create" -d 'Create a container, without starting it'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "wait" -d 'Wait until one or more containers stop, and print their exit codes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pause" -d 'Pause or unpause one or more running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unpause" -d 'Pause or unpause one or more running containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "port" -d 'List the published ports of a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "diff" -d 'Show what a container changed of its image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "inspect" -d 'Display the configuration of containers or images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "tag" -d 'Add a name to a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "load" -d 'Load images from an archive'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unshare" -d 'Run a command inside rpod\'s user namespace (e.g. to remove files of the store)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "version" -d 'Display the rpod version information'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "system" -d 'Manage rpod (disk usage, information)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -s a -l attach -d 'Attach to these of the container\'s streams only: stdin, stdout, stderr (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l detach-keys -d 'Key sequence that detaches from the container, leaving it running (default ctrl-p,ctrl-q; "" disables detaching)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sig-proxy -d 'Pass the signals rpod receives on to the container\'s process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s e -l env -d 'Set environment variables (`FOO=bar`, or `FOO` to take the host\'s value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s u -l user -d 'Username or UID, optionally with a group (`user[:group]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s h -l hostname -d 'Container host name (default: the first 12 hex digits of the container ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l name -d 'Name of the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -s v -l volume -d 'Bind mount a volume (`HOST-DIR|NAME:CONTAINER-DIR[:OPTIONS]`; options `ro`, `rw`, `U`: its files given to the container\'s user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l mount -d 'Attach a filesystem mount (`type=bind|volume|tmpfs,src=...,dst=...[,ro]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tmpfs -d 'Mount a tmpfs (`PATH[:OPTIONS]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l init-path -d 'Path to the container-init binary (default: catatonit)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l umask -d 'Set the umask of the container\'s process (octal; default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-add -d 'Add capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-drop -d 'Drop capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l security-opt -d 'Security options (`no-new-privileges`, `seccomp=unconfined`, `seccomp=PROFILE.json`, `mask=PATHS`, `unmask=PATHS|ALL`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l userns -d 'User namespace: `host` (default: you are root inside) or `keep-id[:uid=N,gid=N]` (your own uid and gid inside)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l network -d 'Network mode (only `none` for now)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pull -d 'Pull the image: `missing` (default), `always`, `never`, `newer`' -r -f -a "missing\t'Pull only when the image is not in the store'
always\t'Always pull (a no-op when nothing changed)'
never\t'Never pull; fail when the image is not in the store'
newer\t'Pull when the registry has another image under the name (a different digest); keep the local one when the registry cannot be asked'"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l platform -d 'Platform of the image to pull (OS/ARCH[/VARIANT])' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates (default: true, unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cert-dir -d 'Directory with certificates (*.crt) for the registry' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l authfile -d 'Path of the authentication file (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -s l -l label -d 'Add metadata to the container (`KEY=VALUE`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l annotation -d 'Add an annotation to the container (`KEY=VALUE`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-signal -d 'Signal that `stop` sends first (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-timeout -d 'Seconds `stop` waits before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l restart -d 'Restart policy: `no` (default), `on-failure[:MAX]`, `always`, `unless-stopped`' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-driver -d 'Where the output goes: `k8s-file` (default; `rpod logs` reads it), `none`, `passthrough`' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-opt -d 'Logging option: `max-size=SIZE`' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cidfile -d 'Write the container\'s ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -s m -l memory -d 'Memory limit (`b`, `k`, `m`, `g`: powers of 1024), at least 6m' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap); needs --memory' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-period -d 'CPU CFS period, in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-quota -d 'CPU CFS quota, in microseconds (-1: none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pids-limit -d 'Process limit (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l blkio-weight -d 'Block I/O weight (10 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l help -d 'Print help (`-h` is `--hostname`, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s d -l detach -d 'Run the container in the background and print its ID'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s q -l quiet -d 'Suppress the pull output'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l replace -d 'Remove a container of the same name first (stopping it)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s e -l env -d 'Set environment variables (`FOO=bar`, or `FOO` to take the host\'s value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s u -l user -d 'Username or UID, optionally with a group (`user[:group]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s h -l hostname -d 'Container host name (default: the first 12 hex digits of the container ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l name -d 'Name of the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -s v -l volume -d 'Bind mount a volume (`HOST-DIR|NAME:CONTAINER-DIR[:OPTIONS]`; options `ro`, `rw`, `U`: its files given to the container\'s user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l mount -d 'Attach a filesystem mount (`type=bind|volume|tmpfs,src=...,dst=...[,ro]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tmpfs -d 'Mount a tmpfs (`PATH[:OPTIONS]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l init-path -d 'Path to the container-init binary (default: catatonit)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l umask -d 'Set the umask of the container\'s process (octal; default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-add -d 'Add capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-drop -d 'Drop capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l security-opt -d 'Security options (`no-new-privileges`, `seccomp=unconfined`, `seccomp=PROFILE.json`, `mask=PATHS`, `unmask=PATHS|ALL`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l userns -d 'User namespace: `host` (default: you are root inside) or `keep-id[:uid=N,gid=N]` (your own uid and gid inside)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l network -d 'Network mode (only `none` for now)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pull -d 'Pull the image: `missing` (default), `always`, `never`, `newer`' -r -f -a "missing\t'Pull only when the image is not in the store'
always\t'Always pull (a no-op when nothing changed)'
never\t'Never pull; fail when the image is not in the store'
newer\t'Pull when the registry has another image under the name (a different digest); keep the local one when the registry cannot be asked'"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l platform -d 'Platform of the image to pull (OS/ARCH[/VARIANT])' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates (default: true, unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cert-dir -d 'Directory with certificates (*.crt) for the registry' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l authfile -d 'Path of the authentication file (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -s l -l label -d 'Add metadata to the container (`KEY=VALUE`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l annotation -d 'Add an annotation to the container (`KEY=VALUE`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-signal -d 'Signal that `stop` sends first (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-timeout -d 'Seconds `stop` waits before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l restart -d 'Restart policy: `no` (default), `on-failure[:MAX]`, `always`, `unless-stopped`' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-driver -d 'Where the output goes: `k8s-file` (default; `rpod logs` reads it), `none`, `passthrough`' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-opt -d 'Logging option: `max-size=SIZE`' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cidfile -d 'Write the container\'s ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -s m -l memory -d 'Memory limit (`b`, `k`, `m`, `g`: powers of 1024), at least 6m' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap); needs --memory' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-period -d 'CPU CFS period, in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-quota -d 'CPU CFS quota, in microseconds (-1: none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pids-limit -d 'Process limit (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l blkio-weight -d 'Block I/O weight (10 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l help -d 'Print help (`-h` is `--hostname`, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s q -l quiet -d 'Suppress the pull output'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l replace -d 'Remove a container of the same name first (stopping it)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l detach-keys -d 'Key sequence that detaches from the container, leaving it running (default ctrl-p,ctrl-q; "" disables detaching)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l sig-proxy -d 'Pass the signals rpod receives on to the container\'s process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output (and with -i its input) until it exits'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s i -l interactive -d 'Attach stdin too (implies -a)'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l detach-keys -d 'Key sequence that detaches from the container, leaving it running (default ctrl-p,ctrl-q; "" disables detaching)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l sig-proxy -d 'Pass the signals rpod receives on to the container\'s process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l no-stdin -d 'Do not attach stdin'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container (default: its --stop-timeout, 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s i -l ignore -d 'Ignore errors when a container does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s s -l signal -d 'Signal to send (a name such as SIGTERM or TERM, or a number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s t -l time -d 'Seconds to wait for a stop before killing the container (default: its --stop-timeout)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s f -l force -d 'Stop a running container first (SIGKILL after --time)'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s i -l ignore -d 'Ignore errors when a container does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too (its named volumes stay)'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l condition -d 'The state to wait for: stopped (default) or exited, running, created, stopping' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s i -l ignore -d 'Ignore errors when a container does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s t -l time -d 'Seconds to wait for the stop before killing the container (default: its --stop-timeout)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s a -l archive -d 'Give copied files the container\'s user as owner (Podman\'s default; rpod always does)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l format -d '`json`, or the default lines' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand top" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l since -d 'Show lines since TIME (RFC 3339, a Unix timestamp, or a duration such as 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l until -d 'Show lines until TIME' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l tail -d 'Show the last N lines only (-1: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s f -l follow -d 'Follow the log until the container exits'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s n -l names -d 'Show the container\'s name before each line'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s t -l timestamps -d 'Show the time of each line'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s n -l last -d 'Show the last N created containers (of all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s f -l filter -d 'Filter: id=, name=, status=, ancestor=, label=KEY[=VALUE], exited=CODE' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l format -d 'Go template or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sort -d 'Sort by created (default), id, image, names, runningfor, status' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s l -l latest -d 'Show the latest created container (of all)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s u -l user -d 'Username or UID, optionally with a group (`user[:group]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s d -l detach -d 'Run in the background'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l privileged -d 'Give the process all capabilities'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s f -l format -d 'Go template or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s t -l type -d 'What to look for: container, image or all' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "create" -d 'Create a container, without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "wait" -d 'Wait until one or more containers stop, and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "pause" -d 'Pause one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "port" -d 'List the published ports of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "prune" -d 'Remove all containers that do not run'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "diff" -d 'Show what a container changed of its image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "list" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "inspect" -d 'Display the configuration of containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "exists" -d 'Check if a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach create start stop kill rm wait restart rename pause unpause port prune cp diff top logs ls list ps inspect exists exec help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Key sequence that detaches from the container, leaving it running (default ctrl-p,ctrl-q; "" disables detaching)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Pass the signals rpod receives on to the container\'s process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach stdin'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the image\'s ENTRYPOINT (a string, or a JSON array)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (`FOO=bar`, or `FOO` to take the host\'s value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID, optionally with a group (`user[:group]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name (default: the first 12 hex digits of the container ID)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name of the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount writable tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume (`HOST-DIR|NAME:CONTAINER-DIR[:OPTIONS]`; options `ro`, `rw`, `U`: its files given to the container\'s user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount (`type=bind|volume|tmpfs,src=...,dst=...[,ro]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs (`PATH[:OPTIONS]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'Path to the container-init binary (default: catatonit)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'Set the umask of the container\'s process (octal; default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options (`no-new-privileges`, `seccomp=unconfined`, `seccomp=PROFILE.json`, `mask=PATHS`, `unmask=PATHS|ALL`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: `host` (default: you are root inside) or `keep-id[:uid=N,gid=N]` (your own uid and gid inside)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network mode (only `none` for now)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull the image: `missing` (default), `always`, `never`, `newer`' -r -f -a "missing\t'Pull only when the image is not in the store'
always\t'Always pull (a no-op when nothing changed)'
never\t'Never pull; fail when the image is not in the store'
newer\t'Pull when the registry has another image under the name (a different digest); keep the local one when the registry cannot be asked'"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Platform of the image to pull (OS/ARCH[/VARIANT])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (default: true, unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Directory with certificates (*.crt) for the registry' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Add metadata to the container (`KEY=VALUE`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container (`KEY=VALUE`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that `stop` sends first (default: the image\'s StopSignal, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds `stop` waits before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: `no` (default), `on-failure[:MAX]`, `always`, `unless-stopped`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Where the output goes: `k8s-file` (default; `rpod logs` reads it), `none`, `passthrough`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Logging option: `max-size=SIZE`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container\'s ID to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (`b`, `k`, `m`, `g`: powers of 1024), at least 6m' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap); needs --memory' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'CPU CFS period, in microseconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CPU CFS quota, in microseconds (-1: none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Process limit (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight (10 to 1000)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (`-h` is `--hostname`, as in Podman)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress the pull output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Remove a container of the same name first (stopping it)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Key sequence that detaches from the container, leaving it running (default ctrl-p,ctrl-q; "" disables detaching)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Pass the signals rpod receives on to the container\'s process' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output (and with -i its input) until it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach stdin too (implies -a)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container (default: its --stop-timeout, 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a container does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (a name such as SIGTERM or TERM, or a number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a stop before killing the container (default: its --stop-timeout)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop a running container first (SIGKILL after --time)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a container does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too (its named volumes stay)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'The state to wait for: stopped (default) or exited, running, created, stopping' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l ignore -d 'Ignore errors when a container does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for the stop before killing the container (default: its --stop-timeout)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Give copied files the container\'s user as owner (Podman\'s default; rpod always does)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d '`json`, or the default lines' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show lines since TIME (RFC 3339, a Unix timestamp, or a duration such as 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show lines until TIME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Show the last N lines only (-1: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow the log until the container exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Show the container\'s name before each line'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show the time of each line'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the last N created containers (of all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: id=, name=, status=, ancestor=, label=KEY[=VALUE], exited=CODE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Go template or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (default), id, image, names, runningfor, status' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (of all)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show the last N created containers (of all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: id=, name=, status=, ancestor=, label=KEY[=VALUE], exited=CODE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Go template or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created (default), id, image, names, runningfor, status' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the latest created container (of all)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Show the last N created containers (of all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: id=, name=, status=, ancestor=, label=KEY[=VALUE], exited=CODE' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Go template or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created (default), id, image, names, runningfor, status' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the latest created container (of all)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s t -l type -d 'What to look for: container, image or all' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID, optionally with a group (`user[:group]`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run in the background'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the process all capabilities'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container, without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until one or more containers stop, and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List the published ports of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all containers that do not run'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what a container changed of its image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "create" -d 'Create a new volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "list" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "remove" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "prune" -d 'Remove all unused volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "exists" -d 'Check if a volume exists (status 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the volume (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options (refused: rpod\'s volumes are plain directories)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only `local`)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail if the volume already exists'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter the output (name=, label=KEY[=VALUE], driver=, scope=, dangling=true|false)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print with a Go template, or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the volume names'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter the output (name=, label=KEY[=VALUE], driver=, scope=, dangling=true|false)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print with a Go template, or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the volume names'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template (default: JSON)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect all volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers that use the volume first (stopping running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers that use the volume first (stopping running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all unused volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a volume exists (status 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l platform -d 'Choose this platform from a multi-platform image (OS/ARCH[/VARIANT])' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: true, unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l cert-dir -d 'Directory with certificates (*.crt) for the registry' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l format -d 'Pretty-print with a Go template, or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -s q -l quiet -d 'Print only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l digests -d 'Show image digests'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l no-trunc -d 'Do not truncate image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s a -l all -d 'Show all images (rpod has no intermediate images; accepted for compatibility)'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "list" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "exists" -d 'Check if an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "tag" -d 'Add a name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "load" -d 'Load images from an archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from pull ls list inspect exists tag rm prune save load help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Choose this platform from a multi-platform image (OS/ARCH[/VARIANT])' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: true, unless registries.conf marks the registry insecure)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Directory with certificates (*.crt) for the registry' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print with a Go template, or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show image digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (rpod has no intermediate images; accepted for compatibility)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print with a Go template, or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show image digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (rpod has no intermediate images; accepted for compatibility)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template (default: JSON)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the image even if it has other names'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not in use, not only dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file (default: stdout)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format' -r -f -a "docker-archive\t''
oci-archive\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Accepted for Podman compatibility: several images always go into one archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from this archive file (default: stdin)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add a name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s f -l force -d 'Remove the image even if it has other names'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand save" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -s o -l output -d 'Write to this file (default: stdout)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l format -d 'Archive format' -r -f -a "docker-archive\t''
oci-archive\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s m -l multi-image-archive -d 'Accepted for Podman compatibility: several images always go into one archive'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand load" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -s i -l input -d 'Read from this archive file (default: stdin)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l signature-policy -d 'Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -s q -l quiet -d 'Suppress the progress output'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -s u -l username -d 'Username' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin: command lines are visible to other users)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (default: unless the registry is insecure)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l cert-dir -d 'Directory with the registry\'s CA certificates (*.crt) and client certificates' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l authfile -d 'Auth file to read and write (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l password-stdin -d 'Read the password from stdin'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l get-login -d 'Print the username stored for the registry and exit'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l authfile -d 'Auth file to modify (default: ${XDG_RUNTIME_DIR}/containers/auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand completion" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand completion" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand version" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -s f -l format -d 'Change the output format to JSON or a Go template (e.g. \'{{.Client.Version}}\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand info" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -s f -l format -d 'Change the output format to JSON or a Go template (e.g. \'{{.Store.GraphRoot}}\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -f -a "df" -d 'Show rpod disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -f -a "prune" -d 'Remove unused data: stopped containers, dangling images (and unused volumes)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -f -a "reset" -d 'Reset rpod storage: remove all containers, images and volumes'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from df info prune reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Pretty-print with a Go template (e.g. \'{{.Type}} {{.Size}}\'), or `json`' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Change the output format to JSON or a Go template (e.g. \'{{.Store.GraphRoot}}\')' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Remove the volumes no container uses too'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the image and container store (default: $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to run-time state (default: $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at or above this level' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show rpod disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused data: stopped containers, dangling images (and unused volumes)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Reset rpod storage: remove all containers, images and volumes'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "create" -d 'Create a container, without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "wait" -d 'Wait until one or more containers stop, and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "pause" -d 'Pause one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "port" -d 'List the published ports of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "diff" -d 'Show what a container changed of its image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "inspect" -d 'Display the configuration of containers or images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "tag" -d 'Add a name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "load" -d 'Load images from an archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "unshare" -d 'Run a command inside rpod\'s user namespace (e.g. to remove files of the store)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "completion" -d 'Print a shell completion script'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "version" -d 'Display the rpod version information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "system" -d 'Manage rpod (disk usage, information)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from run create start attach stop kill rm wait restart rename pause unpause port cp diff top logs ps exec inspect container volume pull images image tag rmi save load login logout unshare completion version info system help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container, without starting it'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait until one or more containers stop, and print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause one or more running containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause one or more paused containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List the published ports of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all containers that do not run'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Show what a container changed of its image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display the configuration of containers'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Check if a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a new volume'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove all unused volumes'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Check if a volume exists (status 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check if an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add a name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show rpod disk usage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove unused data: stopped containers, dangling images (and unused volumes)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Reset rpod storage: remove all containers, images and volumes'
