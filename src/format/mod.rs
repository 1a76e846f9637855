//! `--format` output: Go templates (`{{.Repository}}:{{.Tag}}`) and JSON, as Podman prints them.

// TEMPORARY minimal stand-in until the template engine lands (replaced at merge).
#[derive(Debug, thiserror::Error)]
#[error("template: {0}")]
pub struct TemplateError(String);
pub struct Template(String);
impl Template {
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        Ok(Template(src.to_string()))
    }
    pub fn render(&self, data: &serde_json::Value) -> Result<String, TemplateError> {
        let mut out = self.0.clone();
        if let Some(obj) = data.as_object() {
            for (k, v) in obj {
                let text = v
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string());
                out = out.replace(&format!("{{{{.{k}}}}}"), &text);
            }
        }
        Ok(out)
    }
}
pub fn render_rows(
    format: &str,
    rows: &[serde_json::Value],
    _headers: &[(&str, &str)],
) -> Result<String, TemplateError> {
    let f = format.trim_start_matches("table ").replace("\\t", "\t");
    let t = Template::parse(&f)?;
    let mut out = String::new();
    for r in rows {
        out.push_str(&t.render(r)?);
        out.push('\n');
    }
    Ok(out)
}
