//! Headless Chromium for the tests that look at a page as a user would: finds Chromium, node
//! and puppeteer-core (`.ci/run` installs them where it can), or says what is missing so the
//! test can skip with a clear message.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a browser test needs: the Chromium binary and a NODE_PATH that resolves puppeteer-core.
pub struct Browser {
    pub chromium: PathBuf,
    pub node_path: String,
}

/// The browser, or `None` after printing `SKIPPED: <why> (<how to fix>)`.
pub fn find(test: &str) -> Option<Browser> {
    match try_find() {
        Ok(b) => Some(b),
        Err(why) => {
            eprintln!(
                "SKIPPED {test}: {why}. Install them as .ci/run does: `apt-get install -y chromium nodejs npm`, \
                 `npm install --prefix DIR puppeteer-core` and NODE_PATH=DIR/node_modules"
            );
            None
        }
    }
}

fn try_find() -> Result<Browser, String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Err(format!("no Chromium at {}", chromium.display()));
    }
    let mut paths: Vec<String> = std::env::var("NODE_PATH")
        .map(|p| p.split(':').map(String::from).collect())
        .unwrap_or_default();
    // Where .ci/run installs puppeteer-core.
    let ci = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-node/node_modules");
    paths.push(ci.to_string_lossy().into_owned());
    let node_path = paths.join(":");
    let resolves = Command::new("node")
        .args(["-e", "require.resolve('puppeteer-core')"])
        .env("NODE_PATH", &node_path)
        .output();
    match resolves {
        Err(e) => Err(format!("node is not available ({e})")),
        Ok(o) if !o.status.success() => Err("puppeteer-core is not on NODE_PATH".into()),
        Ok(_) => Ok(Browser {
            chromium,
            node_path,
        }),
    }
}

impl Browser {
    /// Run `node script args...` with puppeteer-core and this Chromium; its stdout's last
    /// line parsed as JSON (the scripts print one JSON line).
    pub fn run(&self, script: &Path, args: &[&Path]) -> serde_json::Value {
        let out = Command::new("node")
            .arg(script)
            .args(args)
            .env("NODE_PATH", &self.node_path)
            .env("CHROMIUM", &self.chromium)
            .output()
            .expect("run node");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{} failed: {stdout}\n{stderr}",
            script.display()
        );
        let line = stdout.lines().last().unwrap_or_default();
        serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
    }
}
