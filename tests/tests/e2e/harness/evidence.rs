//! What a test leaves behind to look at: a screenshot per step, and on failure the window, the X screen and
//! the page's text.

use std::time::Duration;

use super::{E2e, WAIT};

impl E2e {
    /// Saves `<nn>-<step>.png` once the current DOM has been painted (fonts loaded, two frames later).
    pub async fn shot(&mut self, step: &str) {
        self.shot_no += 1;
        let name = format!("{:02}-{step}.png", self.shot_no);
        self.save_shot(&name).await;
    }

    async fn save_shot(&self, name: &str) {
        self.log(&format!("screenshot {name}"));
        let painted = self.client.execute_async(
            "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() =>
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
            vec![],
        );
        let _ = tokio::time::timeout(WAIT, painted).await;
        match tokio::time::timeout(WAIT, self.client.screenshot()).await {
            Ok(Ok(png)) => std::fs::write(self.shots_dir.join(name), png).expect("write screenshot"),
            Ok(Err(e)) => eprintln!("screenshot {name} failed: {e}"),
            Err(_) => eprintln!("screenshot {name}: no answer within {WAIT:?}"),
        }
    }

    pub(super) async fn fail_shot(&self, what: &str) {
        let name = format!("zz-failed-{}.png", what.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        self.save_shot(&name).await;
    }

    /// Saves a screenshot of the failure and panics with `msg` and where to look.
    pub async fn fail(&self, msg: &str) -> ! {
        // The X screen as well, in case the web view itself stopped answering.
        let _ = std::process::Command::new("import")
            .args(["-window", "root"])
            .arg(self.shots_dir.join("zz-failed-screen.png"))
            .status();
        self.fail_shot("state").await;
        let page = self.client.execute("return document.body.innerText.slice(0, 800)", vec![]);
        let page = match tokio::time::timeout(Duration::from_secs(5), page).await {
            Ok(Ok(v)) => v.as_str().unwrap_or_default().replace('\n', " | "),
            _ => "<page text unavailable>".into(),
        };
        panic!("{msg}\n  page shows: {page}\n  screenshots and driver log: {}", self.shots_dir.display());
    }
}
