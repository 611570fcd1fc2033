//! Finding and using the page's elements by `data-testid`, each WebDriver exchange bounded: a step that never
//! comes fails the test with a screenshot and the page's text instead of hanging the run.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

use super::{poll, E2e, WAIT};

impl E2e {
    fn css(testid: &str) -> String {
        format!("[data-testid=\"{testid}\"]")
    }

    /// The element with this testid once it is displayed (bounded wait).
    pub async fn el(&self, testid: &str) -> Element {
        let css = Self::css(testid);
        let client = self.client.clone();
        let found = poll(WAIT, async || {
            let el = client.find(Locator::Css(&css)).await.ok()?;
            el.is_displayed().await.ok()?.then_some(el)
        })
        .await;
        match found {
            Some(el) => el,
            None => self.fail(&format!("no visible [data-testid={testid}] within {WAIT:?}")).await,
        }
    }

    /// Whether an element with this testid is displayed right now (no waiting).
    pub async fn visible(&self, testid: &str) -> bool {
        let css = Self::css(testid);
        let check = async {
            match self.client.find(Locator::Css(&css)).await {
                Ok(el) => el.is_displayed().await.unwrap_or(false),
                Err(_) => false,
            }
        };
        self.bounded(&format!("is [data-testid={testid}] visible"), check).await
    }

    /// Runs one WebDriver exchange with an upper bound: a command WebKitWebDriver never answers fails the
    /// test with a screenshot instead of hanging the run.
    pub async fn bounded<T>(&self, what: &str, fut: impl std::future::Future<Output = T>) -> T {
        match tokio::time::timeout(WAIT, fut).await {
            Ok(v) => v,
            Err(_) => self.fail(&format!("WebDriver did not answer within {WAIT:?}: {what}")).await,
        }
    }

    /// Clicks it once it is displayed and enabled.
    pub async fn click(&self, testid: &str) {
        let el = self.el(testid).await;
        let enabled = poll(WAIT, async || el.is_enabled().await.ok()?.then_some(())).await;
        if enabled.is_none() {
            self.fail(&format!("[data-testid={testid}] stayed disabled for {WAIT:?}")).await;
        }
        self.log(&format!("click {testid}"));
        if let Err(e) = self.bounded(&format!("click [data-testid={testid}]"), el.click()).await {
            self.fail(&format!("click [data-testid={testid}]: {e}")).await;
        }
    }

    /// Replaces the field's content with `text`, typed key by key as a person would.
    pub async fn type_into(&self, testid: &str, text: &str) {
        let el = self.el(testid).await;
        self.log(&format!("type into {testid}"));
        let typed = async {
            el.clear().await?;
            el.send_keys(text).await
        };
        if let Err(e) = self.bounded(&format!("type into [data-testid={testid}]"), typed).await {
            self.fail(&format!("type into [data-testid={testid}]: {e}")).await;
        }
        // Every key must have landed in the field: a key lost to a focus change is a failure here, not a
        // mysterious disabled button two steps later.
        // WebKitWebDriver may answer before the page has handled the last key events, so wait for the value.
        let landed = poll(Duration::from_secs(5), async || {
            // Fields may trim what is pasted around a value (a test types "  user  " on purpose).
            (el.prop("value").await.ok().flatten().as_deref().map(str::trim) == Some(text.trim())).then_some(())
        })
        .await;
        if landed.is_none() {
            self.fail(&format!("[data-testid={testid}] does not hold what was typed into it")).await;
        }
    }

    pub async fn text(&self, testid: &str) -> String {
        let el = self.el(testid).await;
        self.bounded(&format!("text of [data-testid={testid}]"), el.text()).await.unwrap_or_default()
    }

    pub async fn attr(&self, testid: &str, name: &str) -> Option<String> {
        let el = self.el(testid).await;
        self.bounded(&format!("attribute {name} of [data-testid={testid}]"), el.attr(name)).await.ok().flatten()
    }

    /// Waits until the element's text contains `needle`, and returns the whole text.
    pub async fn wait_text(&self, testid: &str, needle: &str) -> String {
        let css = Self::css(testid);
        let client = self.client.clone();
        let got = poll(WAIT, async || {
            let text = client.find(Locator::Css(&css)).await.ok()?.text().await.ok()?;
            text.contains(needle).then_some(text)
        })
        .await;
        match got {
            Some(t) => t,
            None => {
                let now = self.client.find(Locator::Css(&css)).await;
                let now = match now {
                    Ok(el) => el.text().await.unwrap_or_default(),
                    Err(_) => "<element absent>".into(),
                };
                self.fail(&format!("[data-testid={testid}] never contained {needle:?}; text now: {now:?}")).await
            }
        }
    }

    /// Waits until `check` returns Some (polled), failing with `what` after the bounded wait.
    pub async fn wait_until<T>(&mut self, what: &str, mut check: impl AsyncFnMut(&Client) -> Option<T>) -> T {
        let client = self.client.clone();
        match poll(WAIT, async || check(&client).await).await {
            Some(v) => v,
            None => self.fail(&format!("timed out after {WAIT:?} waiting for: {what}")).await,
        }
    }

    /// All elements whose testid starts with `prefix`, in document order, as (testid, element).
    pub async fn all_with_prefix(&self, prefix: &str) -> Vec<(String, Element)> {
        let css = format!("[data-testid^=\"{prefix}\"]");
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(&css)).await.unwrap_or_default() {
            if let Ok(Some(id)) = el.attr("data-testid").await {
                out.push((id, el));
            }
        }
        out
    }
}
