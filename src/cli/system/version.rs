//! `rpod version`: Podman's `Client:` block, `--format json` and templates over `.Client`.

use crate::engine::system::version;
use clap::Args;

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Change the output format to JSON or a Go template (e.g. '{{.Client.Version}}')
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn run(args: VersionArgs) -> anyhow::Result<i32> {
    let v = version::current();
    let value = serde_json::json!({ "Client": v });
    match args.format.as_deref() {
        Some(f) if crate::format::is_json(f) => println!("{}", serde_json::to_string(&value)?),
        Some(f) => print!("{}", super::render_one(f, &value)?),
        None => {
            println!("Client:       rpod Engine");
            println!("Version:      {}", v.version);
            println!("API Version:  {}", v.api_version);
            println!("Go Version:   {}", v.go_version);
            if !v.git_commit.is_empty() {
                println!("Git Commit:   {}", v.git_commit);
            }
            println!("Built:        {}", v.built_time);
            println!("OS/Arch:      {}", v.os_arch);
        }
    }
    Ok(0)
}
