//! The EXAMPLES section of every man page: what a user types, as Podman's pages show it, kept
//! in one table keyed by the command's path (`run`, `image ls`; `""` is `rpod` itself).
//! `docs` renders them after the options; `tests/docs.rs` fails for a visible command
//! without an entry, so a new command brings its examples.

/// `(command path, [(what it does, command line)])`.
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "",
        &[
            (
                "Run a command in a new container, removed when it ends:",
                "rpod run --rm alpine echo hello",
            ),
            ("List the images of the store:", "rpod images"),
            (
                "Use another store for one command:",
                "rpod --root /tmp/store pull alpine",
            ),
        ],
    ),
    (
        "run",
        &[
            (
                "Run a command and remove the container when it ends:",
                "rpod run --rm alpine cat /etc/os-release",
            ),
            (
                "In the background, printing the new container's ID:",
                "rpod run -d --name web alpine sleep 1000",
            ),
            (
                "An interactive shell (Ctrl-P Ctrl-Q leaves it running; rpod attach finds it again):",
                "rpod run -it --name box alpine sh",
            ),
            (
                "Show only the container's stdout:",
                "rpod run --rm -a stdout alpine sh -c 'echo out; echo err >&2'",
            ),
            (
                "Keep the container, named, with an environment variable and a working directory:",
                "rpod run --name web -e MODE=dev -w /srv alpine ls",
            ),
            (
                "Mount a host directory read-only:",
                "rpod run --rm -v $HOME/data:/data:ro alpine ls /data",
            ),
            (
                "Your own user id inside the container, as on the host:",
                "rpod run --rm --userns=keep-id alpine id",
            ),
            (
                "Never pull, use the local image only:",
                "rpod run --rm --pull=never alpine true",
            ),
        ],
    ),
    (
        "create",
        &[
            (
                "Create a container, started later:",
                "rpod create --name web alpine sleep 1000",
            ),
            (
                "With a restart policy and a label:",
                "rpod create --restart on-failure --label team=a alpine false",
            ),
            (
                "Replace a container of the same name:",
                "rpod create --replace --name web alpine true",
            ),
        ],
    ),
    (
        "start",
        &[
            ("Start a created or stopped container:", "rpod start web"),
            ("Several at once:", "rpod start web db"),
            (
                "Start one and follow its output until it exits (its status is rpod's):",
                "rpod start -a job",
            ),
            ("With its stdin too (made with -i):", "rpod start -ai box"),
        ],
    ),
    (
        "attach",
        &[
            (
                "Back to a container's terminal (Ctrl-P Ctrl-Q detaches again):",
                "rpod attach box",
            ),
            ("Detach with Ctrl-X instead:", "rpod attach --detach-keys ctrl-x box"),
            (
                "Watch the output only; Ctrl-C ends rpod, not the container:",
                "rpod attach --no-stdin --sig-proxy=false web",
            ),
        ],
    ),
    (
        "stop",
        &[
            (
                "Stop a container (SIGKILL after its stop timeout):",
                "rpod stop web",
            ),
            ("Give it 2 seconds:", "rpod stop -t 2 web"),
            ("Every running container:", "rpod stop -a"),
        ],
    ),
    (
        "kill",
        &[
            ("Send SIGKILL:", "rpod kill web"),
            ("Another signal:", "rpod kill -s HUP web"),
        ],
    ),
    (
        "rm",
        &[
            ("Remove a container that does not run:", "rpod rm web"),
            ("Stop and remove a running one:", "rpod rm -f web"),
            ("Every container:", "rpod rm -a -f"),
        ],
    ),
    (
        "wait",
        &[
            (
                "Wait for a container to stop and print its exit code:",
                "rpod wait web",
            ),
            ("Until it runs:", "rpod wait --condition running web"),
        ],
    ),
    (
        "restart",
        &[
            ("Stop and start again:", "rpod restart web"),
            ("With 1 second to stop:", "rpod restart -t 1 web"),
        ],
    ),
    (
        "rename",
        &[("Give a container another name:", "rpod rename web web-old")],
    ),
    (
        "pause",
        &[("Freeze a container's processes:", "rpod pause web")],
    ),
    ("unpause", &[("Let them run again:", "rpod unpause web")]),
    (
        "port",
        &[("The ports a container publishes:", "rpod port web")],
    ),
    (
        "exec",
        &[
            (
                "A command in a running container:",
                "rpod exec web cat /etc/os-release",
            ),
            ("An interactive shell:", "rpod exec -it web sh"),
            (
                "As another user, in another directory:",
                "rpod exec -u 1000 -w /tmp web id",
            ),
            ("In the background:", "rpod exec -d web touch /tmp/mark"),
        ],
    ),
    (
        "ps",
        &[
            ("The running containers:", "rpod ps"),
            ("All of them, with exited ones:", "rpod ps -a"),
            (
                "Names and status only:",
                "rpod ps -a --format '{{.Names}} {{.Status}}'",
            ),
            (
                "Those that exited with status 1:",
                "rpod ps -a --filter exited=1",
            ),
        ],
    ),
    (
        "inspect",
        &[
            ("A container or an image as JSON:", "rpod inspect web"),
            (
                "One field:",
                "rpod inspect --format '{{.State.Status}}' web",
            ),
        ],
    ),
    (
        "container exists",
        &[(
            "Exit 0 if the container web is there, 1 if not:",
            "rpod container exists web",
        )],
    ),
    (
        "container ls",
        &[
            ("All containers:", "rpod container ls -a"),
            ("Their IDs only:", "rpod container ls -aq"),
        ],
    ),
    (
        "logs",
        &[
            ("A container's output:", "rpod logs web"),
            (
                "The last 20 lines, with their times:",
                "rpod logs --tail 20 -t web",
            ),
            ("Follow it until the container exits:", "rpod logs -f web"),
            (
                "What it printed in the last ten minutes:",
                "rpod logs --since 10m web",
            ),
        ],
    ),
    (
        "top",
        &[
            ("The processes of a running container:", "rpod top web"),
            ("Chosen columns:", "rpod top web pid,args"),
        ],
    ),
    (
        "diff",
        &[
            ("What a container changed of its image:", "rpod diff web"),
            ("As JSON:", "rpod diff --format json web"),
        ],
    ),
    (
        "cp",
        &[
            (
                "Copy a file out of a container:",
                "rpod cp web:/etc/os-release ./os-release",
            ),
            ("Copy a directory in:", "rpod cp ./site web:/srv/"),
            (
                "As a tar stream to standard output:",
                "rpod cp web:/var/log - > logs.tar",
            ),
        ],
    ),
    (
        "container",
        &[
            (
                "Create a container:",
                "rpod container create --name web alpine sleep 1000",
            ),
            ("Stop and remove it:", "rpod container rm -f web"),
            (
                "Remove every container that does not run:",
                "rpod container prune -f",
            ),
        ],
    ),
    (
        "volume",
        &[
            (
                "A named volume for a container's data:",
                "rpod volume create webdata",
            ),
            ("Every volume:", "rpod volume ls"),
        ],
    ),
    (
        "volume create",
        &[
            ("A named volume:", "rpod volume create webdata"),
            (
                "With a label:",
                "rpod volume create --label app=web webdata",
            ),
        ],
    ),
    (
        "volume ls",
        &[
            ("Every volume:", "rpod volume ls"),
            ("Their names only:", "rpod volume ls --format '{{.Name}}'"),
        ],
    ),
    (
        "volume inspect",
        &[
            ("A volume as JSON:", "rpod volume inspect webdata"),
            (
                "Where its data is:",
                "rpod volume inspect --format '{{.Mountpoint}}' webdata",
            ),
        ],
    ),
    (
        "volume rm",
        &[
            (
                "Remove a volume no container uses:",
                "rpod volume rm webdata",
            ),
            (
                "Remove it and the containers that use it:",
                "rpod volume rm -f webdata",
            ),
        ],
    ),
    (
        "volume prune",
        &[(
            "Remove every volume no container uses, without asking:",
            "rpod volume prune -f",
        )],
    ),
    (
        "volume exists",
        &[(
            "Exit 0 if the volume is there, 1 if not:",
            "rpod volume exists webdata",
        )],
    ),
    (
        "container prune",
        &[
            (
                "Remove every container that does not run, after asking:",
                "rpod container prune",
            ),
            ("Without asking:", "rpod container prune -f"),
        ],
    ),
    (
        "pull",
        &[
            (
                "Pull by short name (resolved through registries.conf):",
                "rpod pull alpine",
            ),
            (
                "Pull a fully qualified reference quietly:",
                "rpod pull -q docker.io/library/alpine:3.19",
            ),
            (
                "Pull for another architecture:",
                "rpod pull --platform linux/arm64 alpine",
            ),
            (
                "From a registry with a self-signed certificate:",
                "rpod pull --cert-dir ~/certs localhost:5000/app",
            ),
        ],
    ),
    (
        "images",
        &[
            ("List the images:", "rpod images"),
            ("Only the IDs:", "rpod images -q"),
            ("With digests:", "rpod images --digests"),
            (
                "A custom table:",
                "rpod images --format 'table {{.Repository}} {{.Tag}} {{.Size}}'",
            ),
            ("As JSON:", "rpod images --format json"),
        ],
    ),
    (
        "image",
        &[
            ("List the images:", "rpod image ls"),
            ("Inspect one:", "rpod image inspect alpine"),
            (
                "Remove the images no container uses:",
                "rpod image prune -a",
            ),
        ],
    ),
    (
        "image pull",
        &[("Pull an image:", "rpod image pull alpine")],
    ),
    (
        "image ls",
        &[
            ("List the images:", "rpod image ls"),
            ("Only those of one repository:", "rpod image ls alpine"),
        ],
    ),
    (
        "image inspect",
        &[
            (
                "The whole configuration as JSON:",
                "rpod image inspect alpine",
            ),
            (
                "One field:",
                "rpod image inspect --format '{{.Config.Cmd}}' alpine",
            ),
        ],
    ),
    (
        "image exists",
        &[("In a script:", "rpod image exists alpine && echo present")],
    ),
    (
        "image tag",
        &[("Add a name:", "rpod image tag alpine myalpine:1")],
    ),
    (
        "image rm",
        &[
            ("Remove an image by name:", "rpod image rm myalpine:1"),
            (
                "Remove every image, even those in use:",
                "rpod image rm -a -f",
            ),
        ],
    ),
    (
        "image prune",
        &[
            ("Remove the dangling images:", "rpod image prune"),
            (
                "Remove every image no container uses, without asking:",
                "rpod image prune -a -f",
            ),
        ],
    ),
    (
        "image save",
        &[(
            "Save to an archive:",
            "rpod image save -o alpine.tar alpine",
        )],
    ),
    (
        "image load",
        &[("Load from an archive:", "rpod image load -i alpine.tar")],
    ),
    (
        "tag",
        &[(
            "Add a name to a local image:",
            "rpod tag alpine registry.example.com/team/alpine:1",
        )],
    ),
    (
        "rmi",
        &[
            ("Remove an image:", "rpod rmi alpine"),
            (
                "Remove several, by name and ID:",
                "rpod rmi alpine 3f57d9401f8d",
            ),
            ("Remove every image:", "rpod rmi -a"),
        ],
    ),
    (
        "save",
        &[
            (
                "Save an image to a docker-archive:",
                "rpod save -o alpine.tar alpine",
            ),
            (
                "As an OCI archive:",
                "rpod save --format oci-archive -o alpine-oci.tar alpine",
            ),
            (
                "Several images in one archive:",
                "rpod save -m -o both.tar alpine busybox",
            ),
            (
                "To standard output, compressed:",
                "rpod save alpine | gzip > alpine.tar.gz",
            ),
        ],
    ),
    (
        "load",
        &[
            ("Load an archive:", "rpod load -i alpine.tar"),
            ("From standard input:", "rpod load < alpine.tar"),
        ],
    ),
    (
        "login",
        &[
            (
                "Log in, asked for the password:",
                "rpod login -u me registry.example.com",
            ),
            (
                "The password from standard input:",
                "printf %s \"$TOKEN\" | rpod login -u me --password-stdin registry.example.com",
            ),
            (
                "Who is logged in:",
                "rpod login --get-login registry.example.com",
            ),
        ],
    ),
    (
        "logout",
        &[
            (
                "Log out of one registry:",
                "rpod logout registry.example.com",
            ),
            ("Of every registry:", "rpod logout -a"),
        ],
    ),
    (
        "unshare",
        &[
            (
                "Remove a store whose files belong to subordinate ids:",
                "rpod unshare rm -rf /tmp/store",
            ),
            (
                "See the id maps of rpod's user namespace:",
                "rpod unshare cat /proc/self/uid_map",
            ),
        ],
    ),
    (
        "completion",
        &[
            ("Bash, for this shell:", "source <(rpod completion bash)"),
            ("Zsh, installed:", "rpod completion zsh > ~/.zfunc/_rpod"),
            (
                "Fish, installed:",
                "rpod completion fish > ~/.config/fish/completions/rpod.fish",
            ),
        ],
    ),
    (
        "version",
        &[
            ("The version block:", "rpod version"),
            (
                "Only the version:",
                "rpod version --format '{{.Client.Version}}'",
            ),
            ("As JSON:", "rpod version --format json"),
        ],
    ),
    (
        "info",
        &[
            (
                "Everything rpod knows of the host and the store:",
                "rpod info",
            ),
            (
                "One field (Go field names, as Podman's):",
                "rpod info --format '{{.Store.GraphRoot}}'",
            ),
            (
                "As JSON (lowerCamel keys, as Podman's):",
                "rpod info --format json",
            ),
        ],
    ),
    (
        "system",
        &[
            ("Disk usage:", "rpod system df"),
            ("System information:", "rpod system info"),
            ("Remove what no container uses:", "rpod system prune"),
        ],
    ),
    (
        "system df",
        &[
            ("The summary:", "rpod system df"),
            ("Every image, container and volume:", "rpod system df -v"),
            (
                "Only what could be reclaimed:",
                "rpod system df --format '{{.Type}}: {{.Reclaimable}}'",
            ),
        ],
    ),
    (
        "system prune",
        &[
            (
                "Remove the stopped containers and the dangling images, after a question:",
                "rpod system prune",
            ),
            (
                "Also every image no container uses, and the unused volumes, without asking:",
                "rpod system prune -a --volumes -f",
            ),
        ],
    ),
    (
        "system reset",
        &[
            (
                "Remove every container, image and volume, and the store itself:",
                "rpod system reset",
            ),
            (
                "The same for another store, without asking:",
                "rpod --root /tmp/store --runroot /tmp/run system reset -f",
            ),
        ],
    ),
    (
        "system info",
        &[(
            "The cgroup version:",
            "rpod system info --format '{{.Host.CgroupsVersion}}'",
        )],
    ),
];

/// The examples of the command at `path` (`"image ls"`), if it has any. `container VERB`
/// without its own shows those of the top-level `VERB` (one page in Podman for both).
pub fn for_command(path: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let find = |path: &str| EXAMPLES.iter().find(|(p, _)| *p == path).map(|(_, e)| *e);
    find(path).or_else(|| find(path.strip_prefix("container ")?))
}
