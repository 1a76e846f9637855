//! Turns template source into tokens: text runs and the words inside `{{ ... }}` actions.
//!
//! Kept separate from the parser because Go's template lexer has its own fiddly rules
//! (trim markers `{{- ` / ` -}}`, comments, quoted strings, numbers) that are easiest to
//! get right, and test, in isolation. Podman's command-line normalisation of text (`\t`,
//! `\n`, and spaces becoming cell separators in `table` formats) also happens here, on
//! text only, so it never corrupts string literals inside actions.

use super::error::TemplateError;
use literals::{parse_number, unescape};
use serde_json::Number;

mod literals;

/// Keywords that start or end control structures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    If,
    Else,
    End,
    Range,
    With,
    Break,
    Continue,
    Define,
    Template,
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// Literal text outside actions (already trimmed and normalised).
    Text(String),
    /// `{{`
    Open,
    /// `}}`
    Close,
    /// A function name.
    Ident(String),
    Keyword(Keyword),
    /// `.Name` (without the dot).
    Field(String),
    /// `.` alone.
    Dot,
    /// `$` or `$name` (with the dollar).
    Var(String),
    Str(String),
    Num(Number),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    /// Byte offsets of the token in the source.
    pub pos: usize,
    pub end: usize,
    /// Whether whitespace separates this token from the previous one inside an action.
    pub space_before: bool,
}

/// How text outside actions is rewritten (Podman's handling of command-line formats).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct TextRules {
    /// The two-character sequences `\t` and `\n` become tab and newline.
    pub unescape: bool,
    /// Spaces become tabs: a `table` format's cells are separated by either.
    pub spaces_to_tabs: bool,
}

pub(crate) fn lex(src: &str, rules: TextRules) -> Result<Vec<Token>, TemplateError> {
    let mut lx = Lexer {
        src,
        pos: 0,
        toks: Vec::new(),
        rules,
        trim_next_text: false,
    };
    lx.run()?;
    Ok(lx.toks)
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    toks: Vec<Token>,
    rules: TextRules,
    trim_next_text: bool,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl<'a> Lexer<'a> {
    fn err(&self, pos: usize, msg: impl Into<String>) -> TemplateError {
        TemplateError::parse(self.src, pos, msg)
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn push(&mut self, tok: Tok, pos: usize, space_before: bool) {
        self.toks.push(Token {
            tok,
            pos,
            end: self.pos,
            space_before,
        });
    }

    fn run(&mut self) -> Result<(), TemplateError> {
        loop {
            let found = self.rest().find("{{").map(|i| self.pos + i);
            let text_end = found.unwrap_or(self.src.len());
            let mut text = &self.src[self.pos..text_end];
            let after_open = found.map(|o| &self.src[o + 2..]).unwrap_or("");
            let left_trim = after_open.starts_with('-') && after_open[1..].starts_with(is_space);
            if self.trim_next_text {
                text = text.trim_start_matches(is_space);
            }
            if left_trim {
                text = text.trim_end_matches(is_space);
            }
            if !text.is_empty() {
                let normal = self.normalise(text);
                let start = self.pos;
                self.pos = text_end;
                self.push(Tok::Text(normal), start, false);
            }
            self.trim_next_text = false;
            let Some(open) = found else {
                return Ok(());
            };
            self.pos = open + 2;
            if left_trim {
                // The marker is "-" plus one whitespace character.
                self.pos += 1;
                self.pos += self.rest().chars().next().map_or(0, char::len_utf8);
            }
            if self.rest().starts_with("/*") {
                self.comment(open)?;
                continue;
            }
            self.toks.push(Token {
                tok: Tok::Open,
                pos: open,
                end: open + 2,
                space_before: false,
            });
            self.action(open)?;
        }
    }

    fn normalise(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if self.rules.unescape && chars.peek() == Some(&'t') => {
                    chars.next();
                    out.push('\t');
                }
                '\\' if self.rules.unescape && chars.peek() == Some(&'n') => {
                    chars.next();
                    out.push('\n');
                }
                ' ' if self.rules.spaces_to_tabs => out.push('\t'),
                c => out.push(c),
            }
        }
        out
    }

    /// `{{/* ... */}}`: produces no token, but honours trim markers.
    fn comment(&mut self, open: usize) -> Result<(), TemplateError> {
        let Some(close) = self.rest().find("*/") else {
            return Err(self.err(open, "unclosed comment"));
        };
        self.pos += close + 2;
        let rest = self.rest();
        if rest.starts_with("}}") {
            self.pos += 2;
        } else if rest.starts_with(is_space) && rest[1..].starts_with("-}}") {
            self.pos += 4;
            self.trim_next_text = true;
        } else {
            return Err(self.err(self.pos, "comment ends before closing delimiter"));
        }
        Ok(())
    }

    /// Tokens inside one action, up to and including its closing delimiter.
    fn action(&mut self, open: usize) -> Result<(), TemplateError> {
        loop {
            let ws_start = self.pos;
            let ws = self.rest().len() - self.rest().trim_start_matches(is_space).len();
            self.pos += ws;
            let space = ws > 0;
            let rest = self.rest();
            let start = self.pos;
            if rest.starts_with("}}") {
                self.pos += 2;
                self.push(Tok::Close, start, space);
                return Ok(());
            }
            if space && rest.starts_with("-}}") {
                self.pos += 3;
                self.trim_next_text = true;
                self.push(Tok::Close, ws_start, space);
                return Ok(());
            }
            let Some(c) = rest.chars().next() else {
                return Err(self.err(open, "unclosed action"));
            };
            let next = rest[c.len_utf8()..].chars().next();
            let tok = match c {
                '|' => self.single(Tok::Pipe),
                '(' => self.single(Tok::LParen),
                ')' => self.single(Tok::RParen),
                ',' => self.single(Tok::Comma),
                '=' => self.single(Tok::Assign),
                ':' if next == Some('=') => {
                    self.pos += 2;
                    Tok::Declare
                }
                ':' => return Err(self.err(start, "expected :=")),
                '"' => Tok::Str(self.quoted()?),
                '`' => Tok::Str(self.raw()?),
                '\'' => self.char_constant()?,
                '$' => {
                    self.pos += 1;
                    let name = self.word();
                    Tok::Var(format!("${name}"))
                }
                '.' if next.is_some_and(|n| n.is_ascii_digit()) => self.number()?,
                '.' => {
                    self.pos += 1;
                    if next.is_some_and(is_word) {
                        Tok::Field(self.word().to_string())
                    } else {
                        Tok::Dot
                    }
                }
                '0'..='9' => self.number()?,
                '+' | '-' if next.is_some_and(|n| n.is_ascii_digit() || n == '.') => {
                    self.number()?
                }
                c if is_word(c) => {
                    let w = self.word();
                    keyword(w).unwrap_or_else(|| Tok::Ident(w.to_string()))
                }
                '}' => return Err(self.err(start, "unexpected \"}\" in operand")),
                c => return Err(self.err(start, format!("bad character U+{:04X} {c:?}", c as u32))),
            };
            self.push(tok, start, space);
        }
    }

    fn single(&mut self, tok: Tok) -> Tok {
        self.pos += 1;
        tok
    }

    fn word(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest.len() - rest.trim_start_matches(is_word).len();
        self.pos += len;
        &rest[..len]
    }

    fn quoted(&mut self) -> Result<String, TemplateError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\n' => break,
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    match unescape(e, &mut chars) {
                        Some(c) => out.push(c),
                        None => return Err(self.err(start, "invalid syntax in quoted string")),
                    }
                }
                c => out.push(c),
            }
        }
        Err(self.err(start, "unterminated quoted string"))
    }

    fn raw(&mut self) -> Result<String, TemplateError> {
        let start = self.pos;
        match self.src[start + 1..].find('`') {
            Some(i) => {
                self.pos = start + 1 + i + 1;
                Ok(self.src[start + 1..start + 1 + i].replace('\r', ""))
            }
            None => Err(self.err(start, "unterminated raw quoted string")),
        }
    }

    fn char_constant(&mut self) -> Result<Tok, TemplateError> {
        let start = self.pos;
        self.pos += 1;
        let mut chars = self.rest().char_indices();
        let value = match chars.next() {
            Some((_, '\\')) => chars.next().and_then(|(_, e)| unescape(e, &mut chars)),
            Some((_, '\'')) | Some((_, '\n')) | None => None,
            Some((_, c)) => Some(c),
        };
        match (value, chars.next()) {
            (Some(c), Some((i, '\''))) => {
                self.pos += i + 1;
                Ok(Tok::Num(Number::from(c as u32)))
            }
            _ => Err(self.err(start, "malformed character constant")),
        }
    }

    fn number(&mut self) -> Result<Tok, TemplateError> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let mut i = start;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        while let Some(&b) = bytes.get(i) {
            let exp_sign = matches!(b, b'+' | b'-')
                && matches!(bytes.get(i - 1), Some(b'e' | b'E' | b'p' | b'P'))
                && !self.src[start..i].to_ascii_lowercase().contains("0x");
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exp_sign {
                i += 1;
            } else {
                break;
            }
        }
        self.pos = i;
        let text = &self.src[start..i];
        parse_number(text)
            .map(Tok::Num)
            .ok_or_else(|| self.err(start, format!("bad number syntax: {text:?}")))
    }
}

fn keyword(w: &str) -> Option<Tok> {
    let k = match w {
        "if" => Keyword::If,
        "else" => Keyword::Else,
        "end" => Keyword::End,
        "range" => Keyword::Range,
        "with" => Keyword::With,
        "break" => Keyword::Break,
        "continue" => Keyword::Continue,
        "define" => Keyword::Define,
        "template" => Keyword::Template,
        "block" => Keyword::Block,
        "true" => return Some(Tok::Bool(true)),
        "false" => return Some(Tok::Bool(false)),
        "nil" => return Some(Tok::Nil),
        _ => return None,
    };
    Some(Tok::Keyword(k))
}

#[cfg(test)]
mod tests;
