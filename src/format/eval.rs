//! Walks a parsed template against one JSON value and produces the text, with Go's
//! semantics for dot, variables, field chains, pipelines and control structures.
//!
//! A field missing from an object evaluates to "no value" (printed `<no value>`), which
//! is Go's behaviour for maps; Podman's Go structs would fail instead, but rpod's rows
//! are maps and a missing key is rarely worth aborting a listing. A field of `null` is
//! also no value. A field of a string, number or list is an error, as in Go.
//!
//! Header mode renders a `table` format's title row: every field looked up is the
//! column title (from the header object, else derived from the field's name).

use super::ast::{Branch, Command, Node, Operand, Pipeline, Term};
use super::error::TemplateError;
use super::funcs::{self, truth};
use super::table::title_for_field;
use super::value_print::print_action;
use serde_json::Value;

pub(crate) fn render(
    src: &str,
    nodes: &[Node],
    data: &Value,
    header: bool,
) -> Result<String, TemplateError> {
    let mut ex = Exec {
        src,
        vars: vec![("$".to_string(), data.clone())],
        out: String::new(),
        header,
    };
    ex.list(nodes, data)?;
    Ok(ex.out)
}

#[derive(PartialEq)]
enum Flow {
    Normal,
    Break,
    Continue,
}

struct Exec<'a> {
    src: &'a str,
    vars: Vec<(String, Value)>,
    out: String,
    header: bool,
}

impl Exec<'_> {
    fn err(&self, op: &Operand, msg: impl Into<String>) -> TemplateError {
        TemplateError::exec(self.src, op.pos, op.end, msg)
    }

    fn list(&mut self, nodes: &[Node], dot: &Value) -> Result<Flow, TemplateError> {
        let mark = self.vars.len();
        let flow = self.list_inner(nodes, dot);
        self.vars.truncate(mark);
        flow
    }

    fn list_inner(&mut self, nodes: &[Node], dot: &Value) -> Result<Flow, TemplateError> {
        for node in nodes {
            let flow = match node {
                Node::Text(s) => {
                    self.out.push_str(s);
                    Flow::Normal
                }
                Node::Action(p) => {
                    let v = self.pipeline(p, dot, true)?;
                    if p.decl.is_empty() {
                        self.out.push_str(&print_action(&v));
                    }
                    Flow::Normal
                }
                Node::If(b) => self.branch(b, dot, false)?,
                Node::With(b) => self.branch(b, dot, true)?,
                Node::Range(b) => self.range(b, dot)?,
                Node::Break => Flow::Break,
                Node::Continue => Flow::Continue,
            };
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    /// `if` (dot unchanged) or `with` (dot becomes the value).
    fn branch(&mut self, b: &Branch, dot: &Value, with: bool) -> Result<Flow, TemplateError> {
        let mark = self.vars.len();
        let v = self.pipeline(&b.pipe, dot, true)?;
        let flow = if truth(&v) {
            self.list(&b.body, if with { &v } else { dot })
        } else if let Some(e) = &b.else_body {
            self.list(e, dot)
        } else {
            Ok(Flow::Normal)
        };
        self.vars.truncate(mark);
        flow
    }

    fn range(&mut self, b: &Branch, dot: &Value) -> Result<Flow, TemplateError> {
        let v = self.pipeline(&b.pipe, dot, false)?;
        let items: Vec<(Value, Value)> = match v {
            Value::Array(a) => a
                .into_iter()
                .enumerate()
                .map(|(i, e)| (Value::from(i), e))
                .collect(),
            Value::Object(m) => {
                let mut items: Vec<(Value, Value)> =
                    m.into_iter().map(|(k, e)| (Value::String(k), e)).collect();
                items.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
                items
            }
            Value::Null => Vec::new(),
            v if self.header => vec![(Value::Null, v)],
            v => {
                let at = &b.pipe.cmds[0].args[0];
                return Err(self.err(at, format!("range can't iterate over {}", print_action(&v))));
            }
        };
        if items.is_empty() {
            if let Some(e) = &b.else_body {
                return self.list(e, dot);
            }
            return Ok(Flow::Normal);
        }
        for (key, elem) in items {
            let mark = self.vars.len();
            match b.pipe.decl.as_slice() {
                [e] => self.bind(e, elem.clone(), b.pipe.assign),
                [k, e] => {
                    self.bind(k, key, b.pipe.assign);
                    self.bind(e, elem.clone(), b.pipe.assign);
                }
                _ => {}
            }
            let flow = self.list(&b.body, &elem);
            self.vars.truncate(mark);
            if flow? == Flow::Break {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    fn bind(&mut self, name: &str, v: Value, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    /// Evaluates the commands in turn, each receiving the previous result as its last
    /// argument; `bind` stores declared variables (range binds per element instead).
    fn pipeline(&mut self, p: &Pipeline, dot: &Value, bind: bool) -> Result<Value, TemplateError> {
        let mut last: Option<Value> = None;
        for cmd in &p.cmds {
            last = Some(self.command(cmd, dot, last)?);
        }
        let v = last.unwrap_or(Value::Null);
        if bind {
            for name in &p.decl {
                self.bind(name, v.clone(), p.assign);
            }
        }
        Ok(v)
    }

    fn command(
        &mut self,
        cmd: &Command,
        dot: &Value,
        piped: Option<Value>,
    ) -> Result<Value, TemplateError> {
        let first = &cmd.args[0];
        match &first.term {
            Term::Func(name) if first.chain.is_empty() => {
                self.call(first, name, &cmd.args[1..], dot, piped)
            }
            _ => self.operand(first, dot),
        }
    }

    fn call(
        &mut self,
        at: &Operand,
        name: &str,
        args: &[Operand],
        dot: &Value,
        piped: Option<Value>,
    ) -> Result<Value, TemplateError> {
        if name == "and" || name == "or" {
            let total = args.len() + usize::from(piped.is_some());
            if total == 0 {
                return Err(self.err(
                    at,
                    format!("wrong number of args for {name}: want at least 1 got 0"),
                ));
            }
            let mut v = Value::Null;
            for a in args {
                v = self.operand(a, dot)?;
                if truth(&v) == (name == "or") {
                    return Ok(v);
                }
            }
            return Ok(piped.unwrap_or(v));
        }
        let mut vals = Vec::with_capacity(args.len() + 1);
        for a in args {
            vals.push(self.operand(a, dot)?);
        }
        vals.extend(piped);
        funcs::call(name, vals, self.header).map_err(|e| self.err(at, e))
    }

    fn operand(&mut self, op: &Operand, dot: &Value) -> Result<Value, TemplateError> {
        let owned;
        let base: &Value = match &op.term {
            Term::Dot => dot,
            Term::Lit(v) => v,
            Term::Nil => &Value::Null,
            Term::Var(name) => self
                .vars
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map_or(&Value::Null, |(_, v)| v),
            Term::Func(name) => {
                owned = self.call(op, name, &[], dot, None)?;
                &owned
            }
            Term::Sub(p) => {
                owned = self.pipeline(p, dot, true)?;
                &owned
            }
        };
        self.fields(op, base)
    }

    /// Follows the operand's field chain from `base` by reference, cloning only the end.
    fn fields(&self, op: &Operand, base: &Value) -> Result<Value, TemplateError> {
        let mut cur = base;
        for name in &op.chain {
            cur = match cur {
                Value::Object(m) => match m.get(name) {
                    Some(f) => f,
                    None => return Ok(self.missing(op)),
                },
                Value::Null => return Ok(self.missing(op)),
                _ if self.header => return Ok(self.missing(op)),
                v => {
                    let ty = super::printf::type_name(v);
                    return Err(self.err(op, format!("can't evaluate field {name} in type {ty}")));
                }
            };
        }
        Ok(cur.clone())
    }

    /// A field chain that ran out of data: no value, or in header mode the title of
    /// the last field named.
    fn missing(&self, op: &Operand) -> Value {
        match op.chain.last() {
            Some(name) if self.header => Value::String(title_for_field(name)),
            _ => Value::Null,
        }
    }
}

#[cfg(test)]
mod tests;
