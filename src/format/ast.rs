//! The parsed shape of a template, shared by the parser (which builds it) and the
//! evaluator (which walks it). Positions are byte offsets into the source, so errors
//! found while rendering can still say where.

use serde_json::Value;

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Text(String),
    /// `{{pipeline}}`: prints the value unless the pipeline declares variables.
    Action(Pipeline),
    If(Branch),
    With(Branch),
    Range(Branch),
    Break,
    Continue,
}

/// `if`, `with` and `range`: a pipeline, a body and an optional `else` body.
#[derive(Debug, Clone)]
pub(crate) struct Branch {
    pub pipe: Pipeline,
    pub body: Vec<Node>,
    pub else_body: Option<Vec<Node>>,
}

/// `$x := cmd | cmd | ...`
#[derive(Debug, Clone)]
pub(crate) struct Pipeline {
    pub decl: Vec<String>,
    /// `=` (assign an existing variable) rather than `:=`.
    pub assign: bool,
    pub cmds: Vec<Command>,
}

/// One stage of a pipeline: a function and its arguments, or a single operand.
#[derive(Debug, Clone)]
pub(crate) struct Command {
    pub args: Vec<Operand>,
}

#[derive(Debug, Clone)]
pub(crate) struct Operand {
    pub term: Term,
    /// Field names applied in turn: `.A.B` is `Dot` with chain `[A, B]`.
    pub chain: Vec<String>,
    pub pos: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub(crate) enum Term {
    Dot,
    Var(String),
    Func(String),
    Lit(Value),
    Nil,
    Sub(Box<Pipeline>),
}
