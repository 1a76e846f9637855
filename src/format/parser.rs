//! Builds the template tree from tokens, rejecting bad syntax, unknown functions and
//! undefined variables up front, as Go's `template.Parse` does, so a bad `--format`
//! fails before any row is printed.
//!
//! Longer than ~400 lines on purpose: it is one recursive-descent parser whose methods call
//! each other as Go's grammar nests (pipelines in commands in actions in blocks), and they read
//! best together.

use super::ast::{Branch, Command, Node, Operand, Pipeline, Term};
use super::error::TemplateError;
use super::funcs;
use super::lexer::{Keyword, Tok, Token};
use serde_json::Value;

/// Deep nesting (parentheses, blocks) is refused rather than risking the stack.
const MAX_DEPTH: usize = 100;

pub(crate) fn parse(src: &str, toks: &[Token]) -> Result<Vec<Node>, TemplateError> {
    let mut p = Parser {
        src,
        toks,
        i: 0,
        vars: vec!["$".to_string()],
        depth: 0,
        in_range: 0,
    };
    let (nodes, stop) = p.list()?;
    match stop {
        Stop::Eof => Ok(nodes),
        Stop::End(pos) => Err(p.err(pos, "unexpected {{end}}")),
        Stop::Else(pos, _) => Err(p.err(pos, "unexpected {{else}}")),
    }
}

/// What ended a list of nodes.
enum Stop {
    Eof,
    End(usize),
    Else(usize, ElseKind),
}

enum ElseKind {
    Plain,
    If(Pipeline),
    With(Pipeline),
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    If,
    With,
    Range,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::If => "if",
            Kind::With => "with",
            Kind::Range => "range",
        }
    }
}

struct Parser<'a> {
    src: &'a str,
    toks: &'a [Token],
    i: usize,
    /// Variables in scope, innermost last.
    vars: Vec<String>,
    depth: usize,
    in_range: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, pos: usize, msg: impl Into<String>) -> TemplateError {
        TemplateError::parse(self.src, pos, msg)
    }

    fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.i)
    }

    fn peek_at(&self, n: usize) -> Option<&'a Tok> {
        self.toks.get(self.i + n).map(|t| &t.tok)
    }

    fn next(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.i);
        self.i += 1;
        t
    }

    /// Position for "unexpected end of input" errors.
    fn eof_pos(&self) -> usize {
        self.src.len()
    }

    fn unexpected(&self, t: Option<&Token>, context: &str) -> TemplateError {
        match t {
            None => self.err(self.eof_pos(), "unexpected EOF"),
            Some(t) => {
                let text = self.src.get(t.pos..t.end).unwrap_or("");
                self.err(t.pos, format!("unexpected {text:?} in {context}"))
            }
        }
    }

    fn expect_close(&mut self, context: &str) -> Result<(), TemplateError> {
        match self.next() {
            Some(Token {
                tok: Tok::Close, ..
            }) => Ok(()),
            t => Err(self.unexpected(t, context)),
        }
    }

    fn enter(&mut self, pos: usize) -> Result<(), TemplateError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(pos, "template nested too deeply"));
        }
        Ok(())
    }

    /// Nodes up to `{{end}}`, `{{else ...}}` or the end of input.
    fn list(&mut self) -> Result<(Vec<Node>, Stop), TemplateError> {
        let mut nodes = Vec::new();
        while let Some(t) = self.next() {
            match &t.tok {
                Tok::Text(s) => nodes.push(Node::Text(s.clone())),
                Tok::Open => {
                    let open = t.pos;
                    match self.peek_at(0) {
                        Some(Tok::Keyword(Keyword::End)) => {
                            self.i += 1;
                            self.expect_close("end")?;
                            return Ok((nodes, Stop::End(open)));
                        }
                        Some(Tok::Keyword(Keyword::Else)) => {
                            self.i += 1;
                            let kind = match self.peek_at(0) {
                                Some(Tok::Keyword(Keyword::If)) => {
                                    self.i += 1;
                                    ElseKind::If(self.pipeline("if", 1, open)?)
                                }
                                Some(Tok::Keyword(Keyword::With)) => {
                                    self.i += 1;
                                    ElseKind::With(self.pipeline("with", 1, open)?)
                                }
                                _ => {
                                    self.expect_close("else")?;
                                    ElseKind::Plain
                                }
                            };
                            return Ok((nodes, Stop::Else(open, kind)));
                        }
                        Some(Tok::Keyword(k @ (Keyword::If | Keyword::With | Keyword::Range))) => {
                            let kind = match k {
                                Keyword::If => Kind::If,
                                Keyword::With => Kind::With,
                                _ => Kind::Range,
                            };
                            self.i += 1;
                            self.enter(open)?;
                            let mark = self.vars.len();
                            let max_decl = if kind == Kind::Range { 2 } else { 1 };
                            let pipe = self.pipeline(kind.name(), max_decl, open)?;
                            let node = self.branch(kind, pipe, mark)?;
                            self.depth -= 1;
                            nodes.push(node);
                        }
                        Some(Tok::Keyword(k @ (Keyword::Break | Keyword::Continue))) => {
                            let name = if *k == Keyword::Break {
                                "break"
                            } else {
                                "continue"
                            };
                            self.i += 1;
                            if self.in_range == 0 {
                                return Err(
                                    self.err(open, format!("{{{{{name}}}}} outside {{{{range}}}}"))
                                );
                            }
                            self.expect_close(name)?;
                            nodes.push(if *k == Keyword::Break {
                                Node::Break
                            } else {
                                Node::Continue
                            });
                        }
                        Some(Tok::Keyword(
                            k @ (Keyword::Define | Keyword::Template | Keyword::Block),
                        )) => {
                            let name = format!("{k:?}").to_lowercase();
                            return Err(self.err(
                                open,
                                format!("{{{{{name}}}}} is not supported in --format"),
                            ));
                        }
                        _ => {
                            let pipe = self.pipeline("command", 1, open)?;
                            nodes.push(Node::Action(pipe));
                        }
                    }
                }
                _ => return Err(self.unexpected(Some(t), "template")),
            }
        }
        Ok((nodes, Stop::Eof))
    }

    /// The body and else-parts of a control structure whose pipeline is parsed;
    /// `mark` is the variable scope to restore at its end.
    fn branch(&mut self, kind: Kind, pipe: Pipeline, mark: usize) -> Result<Node, TemplateError> {
        if kind == Kind::Range {
            self.in_range += 1;
        }
        let body = self.list();
        if kind == Kind::Range {
            self.in_range -= 1;
        }
        let (body, stop) = body?;
        let else_body = match stop {
            Stop::Eof => return Err(self.err(self.eof_pos(), "unexpected EOF")),
            Stop::End(_) => None,
            Stop::Else(_, ElseKind::Plain) => {
                let (else_body, stop) = self.list()?;
                match stop {
                    Stop::End(_) => Some(else_body),
                    Stop::Eof => return Err(self.err(self.eof_pos(), "unexpected EOF")),
                    Stop::Else(pos, _) => return Err(self.err(pos, "expected end; found {{else}}")),
                }
            }
            Stop::Else(pos, ElseKind::If(p)) => {
                self.enter(pos)?;
                let inner = self.branch(Kind::If, p, mark)?;
                self.depth -= 1;
                Some(vec![inner])
            }
            Stop::Else(pos, ElseKind::With(p)) => {
                self.enter(pos)?;
                let inner = self.branch(Kind::With, p, mark)?;
                self.depth -= 1;
                Some(vec![inner])
            }
        };
        self.vars.truncate(mark);
        let b = Branch {
            pipe,
            body,
            else_body,
        };
        Ok(match kind {
            Kind::If => Node::If(b),
            Kind::With => Node::With(b),
            Kind::Range => Node::Range(b),
        })
    }

    /// `[$a[, $b] :=|=] cmd | cmd ...` up to `}}` (consumed) or `)` (left for the caller).
    fn pipeline(
        &mut self,
        context: &str,
        max_decl: usize,
        pos: usize,
    ) -> Result<Pipeline, TemplateError> {
        let mut decl = Vec::new();
        let mut assign = false;
        if let Some(Tok::Var(v)) = self.peek_at(0) {
            match (self.peek_at(1), self.peek_at(2), self.peek_at(3)) {
                (Some(Tok::Declare), _, _) => {
                    decl.push(v.clone());
                    self.i += 2;
                }
                (Some(Tok::Assign), _, _) => {
                    if !self.vars.contains(v) {
                        return Err(self.err(pos, format!("undefined variable {v:?}")));
                    }
                    decl.push(v.clone());
                    assign = true;
                    self.i += 2;
                }
                (Some(Tok::Comma), Some(Tok::Var(w)), Some(Tok::Declare | Tok::Assign)) => {
                    if max_decl < 2 {
                        return Err(self.err(pos, format!("too many declarations in {context}")));
                    }
                    assign = self.peek_at(3) == Some(&Tok::Assign);
                    decl.push(v.clone());
                    decl.push(w.clone());
                    self.i += 4;
                }
                _ => {}
            }
        }
        let mut cmds = Vec::new();
        loop {
            let cmd = self.command()?;
            if cmd.args.is_empty() {
                let t = self.peek();
                let at = t.map_or(self.eof_pos(), |t| t.pos);
                return Err(match t.map(|t| &t.tok) {
                    Some(Tok::Pipe) | Some(Tok::Close) | Some(Tok::RParen) => {
                        if cmds.is_empty() && !matches!(t.map(|t| &t.tok), Some(Tok::Pipe)) {
                            self.err(at, format!("missing value for {context}"))
                        } else {
                            self.err(at, "missing value for command")
                        }
                    }
                    _ => self.unexpected(t, context),
                });
            }
            let first = &cmd.args[0];
            let is_func = matches!(first.term, Term::Func(_)) && first.chain.is_empty();
            if !cmds.is_empty() && !is_func {
                return Err(self.err(
                    first.pos,
                    format!(
                        "non executable command in pipeline stage {}",
                        cmds.len() + 1
                    ),
                ));
            }
            if !is_func && cmd.args.len() > 1 {
                let text = self.src.get(first.pos..first.end).unwrap_or("");
                return Err(self.err(
                    first.pos,
                    format!("can't give argument to non-function {text}"),
                ));
            }
            if matches!(first.term, Term::Nil) && cmd.args.len() == 1 {
                return Err(self.err(first.pos, "nil is not a command"));
            }
            cmds.push(cmd);
            match self.peek_at(0) {
                Some(Tok::Pipe) => self.i += 1,
                Some(Tok::Close) => {
                    self.i += 1;
                    break;
                }
                Some(Tok::RParen) if context == "parenthesized pipeline" => break,
                _ => return Err(self.unexpected(self.peek(), context)),
            }
        }
        if assign {
            for v in &decl {
                if !self.vars.contains(v) {
                    return Err(self.err(pos, format!("undefined variable {v:?}")));
                }
            }
        } else {
            self.vars.extend(decl.iter().cloned());
        }
        Ok(Pipeline { decl, assign, cmds })
    }

    /// Operands up to `|`, `}}` or `)`.
    fn command(&mut self) -> Result<Command, TemplateError> {
        let mut args: Vec<Operand> = Vec::new();
        while let Some(t) = self.peek() {
            if matches!(t.tok, Tok::Pipe | Tok::Close | Tok::RParen) {
                break;
            }
            if !args.is_empty() && !t.space_before {
                return Err(self.unexpected(Some(t), "operand"));
            }
            args.push(self.operand()?);
        }
        Ok(Command { args })
    }

    fn operand(&mut self) -> Result<Operand, TemplateError> {
        let Some(t) = self.next() else {
            return Err(self.err(self.eof_pos(), "unexpected EOF"));
        };
        let pos = t.pos;
        let mut chain = Vec::new();
        let term = match &t.tok {
            Tok::Dot => Term::Dot,
            Tok::Field(f) => {
                chain.push(f.clone());
                Term::Dot
            }
            Tok::Var(v) => {
                if !self.vars.contains(v) {
                    return Err(self.err(pos, format!("undefined variable {v:?}")));
                }
                Term::Var(v.clone())
            }
            Tok::Ident(name) => {
                if !funcs::exists(name) {
                    return Err(self.err(pos, format!("function {name:?} not defined")));
                }
                Term::Func(name.clone())
            }
            Tok::Str(s) => Term::Lit(Value::String(s.clone())),
            Tok::Num(n) => Term::Lit(Value::Number(n.clone())),
            Tok::Bool(b) => Term::Lit(Value::Bool(*b)),
            Tok::Nil => Term::Nil,
            Tok::LParen => {
                self.enter(pos)?;
                let p = self.pipeline("parenthesized pipeline", 1, pos)?;
                self.depth -= 1;
                match self.next() {
                    Some(Token {
                        tok: Tok::RParen, ..
                    }) => {}
                    _ => return Err(self.err(pos, "unclosed left paren")),
                }
                Term::Sub(Box::new(p))
            }
            _ => return Err(self.unexpected(Some(t), "command")),
        };
        let chainable = matches!(term, Term::Dot | Term::Var(_) | Term::Sub(_));
        while let Some(Token {
            tok: Tok::Field(f),
            space_before: false,
            pos: fpos,
            ..
        }) = self.peek()
        {
            if !chainable {
                return Err(self.err(*fpos, format!("unexpected .{f} after term")));
            }
            chain.push(f.clone());
            self.i += 1;
        }
        let end = self.toks.get(self.i.wrapping_sub(1)).map_or(pos, |t| t.end);
        Ok(Operand {
            term,
            chain,
            pos,
            end,
        })
    }
}

#[cfg(test)]
mod tests;
