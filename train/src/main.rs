//! Trains brief's grammar model: the tagger, then the parser on tags from
//! a jackknifed tagger, from UD CoNLL-U files. See train/README.md.
//!
//! ```text
//! cargo run --release -p brief-train -- \
//!     --train train/data/train.conllu --dev train/data/dev.conllu \
//!     --test tests/data/en_pud-ud-test.conllu
//! ```

mod perceptron;

use brief::grammar::conllu::{self, Sentence};
use brief::grammar::eval::evaluate;
use brief::grammar::features::Lex;
use brief::grammar::model::{Model, Tag};
use brief::grammar::parser::{self, State, LEFT, MOVES, NONE, RIGHT, SHIFT};
use brief::grammar::{lemma, tagger, weights::Weights};
use perceptron::Perceptron;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

struct Opts {
    train: PathBuf,
    dev: PathBuf,
    test: Option<PathBuf>,
    out: PathBuf,
    lemmas: PathBuf,
    tag_epochs: usize,
    parse_epochs: usize,
    folds: usize,
    prune: [i16; 3],
    seed: u64,
}

fn opts() -> Result<Opts, String> {
    let mut o = Opts {
        train: "train/data/train.conllu".into(),
        dev: "train/data/dev.conllu".into(),
        test: None,
        out: "src/grammar/data/model.bin".into(),
        lemmas: "src/grammar/data/lemmas.tsv".into(),
        tag_epochs: 8,
        parse_epochs: 12,
        folds: 4,
        prune: [500, 1500, 1000],
        seed: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--train" => o.train = val()?.into(),
            "--dev" => o.dev = val()?.into(),
            "--test" => o.test = Some(val()?.into()),
            "--out" => o.out = val()?.into(),
            "--lemmas" => o.lemmas = val()?.into(),
            "--tag-epochs" => o.tag_epochs = val()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--parse-epochs" => o.parse_epochs = val()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--folds" => o.folds = val()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--prune" => {
                let v: Vec<i16> = val()?
                    .split(',')
                    .map(|x| x.parse().map_err(|e| format!("{a}: {e}")))
                    .collect::<Result<_, _>>()?;
                o.prune = [v[0], *v.get(1).unwrap_or(&v[0]), *v.get(2).unwrap_or(&v[0])];
            }
            "--seed" => o.seed = val()?.parse().map_err(|e| format!("{a}: {e}"))?,
            _ => return Err(format!("unknown option {a}")),
        }
    }
    Ok(o)
}

/// A deterministic random number generator (xorshift64*), so that a run
/// gives the same model every time.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A sentence ready for training: features of its words, gold classes.
struct Example {
    forms: Vec<String>,
    lex: Vec<Lex>,
    tags: Vec<u16>,
    /// Gold heads, with the root as `n`.
    heads: Vec<u32>,
    labels: Vec<u16>,
}

struct Sets {
    tags: Vec<Tag>,
    tag_index: FxHashMap<(String, String), u16>,
    upos_default: FxHashMap<String, u16>,
    labels: Vec<String>,
    label_index: FxHashMap<String, u16>,
}

impl Sets {
    fn new(train: &[Sentence]) -> Sets {
        let mut tc: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut lc: BTreeMap<String, usize> = BTreeMap::new();
        for s in train {
            for r in &s.rows {
                *tc.entry((r.upos.clone(), r.xpos.clone())).or_default() += 1;
                *lc.entry(r.deprel.clone()).or_default() += 1;
            }
        }
        let mut tags: Vec<((String, String), usize)> =
            tc.into_iter().filter(|(_, n)| *n >= 30).collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut tag_index = FxHashMap::default();
        let mut upos_default = FxHashMap::default();
        let mut out_tags = Vec::new();
        for (k, ((u, x), _)) in tags.into_iter().enumerate() {
            tag_index.insert((u.clone(), x.clone()), k as u16);
            upos_default.entry(u.clone()).or_insert(k as u16);
            out_tags.push(Tag { upos: u, xpos: x });
        }
        let mut labels: Vec<(String, usize)> = lc.into_iter().filter(|(_, n)| *n >= 20).collect();
        labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let labels: Vec<String> = labels.into_iter().map(|l| l.0).collect();
        let label_index = labels
            .iter()
            .enumerate()
            .map(|(k, l)| (l.clone(), k as u16))
            .collect();
        Sets {
            tags: out_tags,
            tag_index,
            upos_default,
            labels,
            label_index,
        }
    }

    fn tag(&self, upos: &str, xpos: &str) -> u16 {
        self.tag_index
            .get(&(upos.to_string(), xpos.to_string()))
            .or_else(|| self.upos_default.get(upos))
            .copied()
            .unwrap_or(0)
    }

    fn label(&self, l: &str) -> u16 {
        self.label_index
            .get(l)
            .or_else(|| self.label_index.get(l.split(':').next().unwrap_or(l)))
            .or_else(|| self.label_index.get("dep"))
            .copied()
            .unwrap_or(0)
    }

    fn example(&self, s: &Sentence) -> Example {
        let n = s.rows.len() as u32;
        Example {
            forms: s.rows.iter().map(|r| r.form.clone()).collect(),
            lex: s.rows.iter().map(|r| Lex::new(&r.form)).collect(),
            tags: s.rows.iter().map(|r| self.tag(&r.upos, &r.xpos)).collect(),
            heads: s
                .rows
                .iter()
                .map(|r| r.head.map_or(n, |h| h as u32))
                .collect(),
            labels: s.rows.iter().map(|r| self.label(&r.deprel)).collect(),
        }
    }
}

fn read(path: &PathBuf) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(conllu::read(&text))
}

/// Words that take one tag nearly always: tagged from the dictionary.
fn tag_dict(train: &[Example], classes: usize) -> FxHashMap<u64, u16> {
    let mut counts: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for e in train {
        for (l, &t) in e.lex.iter().zip(&e.tags) {
            counts.entry(l.norm).or_insert_with(|| vec![0; classes])[usize::from(t)] += 1;
        }
    }
    let mut dict = FxHashMap::default();
    for (w, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &n) = c
            .iter()
            .enumerate()
            .max_by_key(|(k, n)| (**n, usize::MAX - k))
            .unwrap_or((0, &0));
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.995 {
            dict.insert(w, best as u16);
        }
    }
    dict
}

fn train_tagger(
    train: &[&Example],
    classes: usize,
    dict: &FxHashMap<u64, u16>,
    epochs: usize,
    seed: u64,
) -> Weights {
    let mut p = Perceptron::new(classes);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9) | 1);
    let mut feats = Vec::new();
    let mut scores = vec![0i64; classes];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let e = train[k];
            let mut prev: Vec<u16> = Vec::with_capacity(e.lex.len());
            for i in 0..e.lex.len() {
                if let Some(&c) = dict.get(&e.lex[i].norm) {
                    prev.push(c);
                    continue;
                }
                let p1 = i.checked_sub(1).map(|j| prev[j]);
                let p2 = i.checked_sub(2).map(|j| prev[j]);
                tagger::features(&e.lex, i, p1, p2, &mut feats);
                p.score(&feats, &mut scores);
                let guess = argmax64(&scores, |_| true);
                p.tick();
                p.update(usize::from(e.tags[i]), guess, &feats);
                prev.push(guess as u16);
            }
        }
    }
    p.freeze(1.0)
}

fn argmax64(scores: &[i64], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best: Option<(usize, i64)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map_or(0, |b| b.0)
}

/// The gold arcs each move would lose (arc-hybrid, Goldberg & Nivre 2013).
fn costs(st: &State, gold: &[u32]) -> [u32; MOVES] {
    let mut c = [u32::MAX; MOVES];
    let n = st.n;
    let b = st.i;
    let depth = st.stack.len();
    let s0 = st.stack.last().copied().unwrap_or(NONE);
    let s1 = if depth >= 2 {
        st.stack[depth - 2]
    } else {
        NONE
    };
    let head = |x: u32| gold[x as usize];
    // Dependents of s0 still in the buffer.
    let s0_deps_in_buffer = || (b..n).filter(|&k| head(k) == s0).count() as u32;
    if st.valid(SHIFT) {
        let mut k = 0;
        for (j, &x) in st.stack.iter().enumerate() {
            if head(x) == b {
                k += 1;
            }
            if j + 1 < depth && head(b) == x {
                k += 1;
            }
        }
        c[SHIFT] = k;
    }
    if st.valid(RIGHT) {
        let h = head(s0);
        let mut k = s0_deps_in_buffer();
        if h != s1 && h >= b {
            k += 1;
        }
        c[RIGHT] = k;
    }
    if st.valid(LEFT) {
        let h = head(s0);
        let mut k = s0_deps_in_buffer();
        if h != b && (h == s1 || h > b) {
            k += 1;
        }
        c[LEFT] = k;
    }
    c
}

struct ParserTrainer {
    moves: Perceptron,
    arcs: Perceptron,
    labels: usize,
}

impl ParserTrainer {
    fn train_sentence(&mut self, e: &Example, tags: &[u16], explore: bool, rng: &mut Rng) {
        let n = e.lex.len();
        let forms: Vec<&str> = e.forms.iter().map(String::as_str).collect();
        let commas = parser::commas(&forms);
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(80);
        let mut ms = [0i64; MOVES];
        let mut ls = vec![0i64; 2 * self.labels];
        while !st.done() {
            parser::features(&e.lex, tags, &commas, &st, &mut feats);
            self.moves.score(&feats, &mut ms);
            let guess = argmax64(&ms, |m| st.valid(m));
            let c = costs(&st, &e.heads);
            let min = (0..MOVES)
                .filter(|&m| st.valid(m))
                .map(|m| c[m])
                .min()
                .unwrap_or(0);
            let best = argmax64(&ms, |m| st.valid(m) && c[m] == min);
            self.moves.tick();
            if c[guess] != min {
                self.moves.update(best, guess, &feats);
            }
            let m = if explore && rng.chance(0.9) {
                guess
            } else {
                best
            };
            let mut label = 0u16;
            if m != SHIFT {
                let Some((h, d)) = st.arc(m) else { break };
                let lo = if m == LEFT { 0 } else { self.labels };
                self.arcs.score(&feats, &mut ls);
                let lguess = argmax64(&ls, |k| k >= lo && k < lo + self.labels);
                if e.heads[d as usize] == h {
                    let truth = lo + usize::from(e.labels[d as usize]);
                    self.arcs.tick();
                    self.arcs.update(truth, lguess, &feats);
                    label = e.labels[d as usize];
                } else {
                    label = (lguess - lo) as u16;
                }
            }
            st.apply(m, label);
        }
    }
}

/// Lemma exceptions: the (form, tag) pairs whose treebank lemma the rules
/// miss more often than they get.
fn lemma_exceptions(train: &[Sentence]) -> String {
    let mut seen: BTreeMap<(String, String), (BTreeMap<String, usize>, usize)> = BTreeMap::new();
    for s in train {
        for r in &s.rows {
            let lower = r.form.to_lowercase();
            let rule = lemma::rule(&r.form, &lower, &r.upos, &r.xpos);
            let e = seen.entry((lower, r.upos.clone())).or_default();
            *e.0.entry(r.lemma.clone()).or_default() += 1;
            e.1 += usize::from(rule == r.lemma);
        }
    }
    let mut out = String::from(
        "# Lemma exceptions: form (lower case), universal tag, lemma. Written by\n# `cargo run --release -p brief-train` from the training treebanks (train/README.md).\n",
    );
    for ((form, upos), (lemmas, right)) in seen {
        let Some((best, &n)) = lemmas
            .iter()
            .max_by_key(|(l, n)| (**n, std::cmp::Reverse((*l).clone())))
        else {
            continue;
        };
        if n > right && n >= 2 && !form.contains(['\t', '\n']) && best != "_" {
            out.push_str(&format!("{form}\t{upos}\t{best}\n"));
        }
    }
    out
}

/// `--reprune MODEL DEV TEST T1 T2 ...`: how size and accuracy change when
/// the weights of a trained model are pruned harder (tagger, moves, labels
/// thresholds given as `a,b,c`).
fn reprune() -> Result<(), String> {
    let a: Vec<String> = std::env::args().skip(2).collect();
    let [model, dev, test, rest @ ..] = a.as_slice() else {
        return Err("--reprune MODEL DEV TEST T...".into());
    };
    let bytes = std::fs::read(model).map_err(|e| e.to_string())?;
    let m = Model::from_bytes(&bytes).ok_or("bad model")?;
    let dev = read(&dev.into())?;
    let test = read(&test.into())?;
    for t in rest {
        let v: Vec<i16> = t.split(',').map(|x| x.parse().unwrap_or(1)).collect();
        let (a, b, c) = (
            v[0],
            v.get(1).copied().unwrap_or(v[0]),
            v.get(2).copied().unwrap_or(v[0]),
        );
        let p = Model {
            tagger: m.tagger.pruned(a),
            parser: m
                .parser
                .pruned_by(|k| if usize::from(k) < MOVES { b } else { c }),
            ..m.clone()
        };
        let size = p.to_bytes().len();
        println!(
            "prune {t}: {size} bytes; features {} {}, entries {} {}\n  dev  {}\n  test {}",
            p.tagger.len(),
            p.parser.len(),
            p.tagger.entries(),
            p.parser.entries(),
            evaluate(&p, &dev).line(),
            evaluate(&p, &test).line()
        );
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    if std::env::args().nth(1).as_deref() == Some("--reprune") {
        return reprune();
    }
    let o = opts()?;
    let t0 = Instant::now();
    let train = read(&o.train)?;
    let dev = read(&o.dev)?;
    let test = o.test.as_ref().map(read).transpose()?;
    let sets = Sets::new(&train);
    eprintln!(
        "{} training sentences, {} dev; {} tag classes, {} labels",
        train.len(),
        dev.len(),
        sets.tags.len(),
        sets.labels.len()
    );
    let lemmas = lemma_exceptions(&train);
    std::fs::write(&o.lemmas, &lemmas).map_err(|e| format!("{}: {e}", o.lemmas.display()))?;
    eprintln!(
        "lemma exceptions: {} (written to {})",
        lemmas.lines().count() - 2,
        o.lemmas.display()
    );

    let examples: Vec<Example> = train.iter().map(|s| sets.example(s)).collect();
    let classes = sets.tags.len();
    let dict = tag_dict(&examples, classes);

    // The tagger on all the training data, and k taggers each trained
    // without one fold, which tag that fold: the parser learns from tags
    // as wrong as they will be on new text.
    let all: Vec<&Example> = examples.iter().collect();
    let jobs: Vec<Option<usize>> = std::iter::once(None)
        .chain((0..o.folds).map(Some))
        .collect();
    let taggers: Vec<Weights> = jobs
        .par_iter()
        .map(|fold| {
            let part: Vec<&Example> = match fold {
                None => all.clone(),
                Some(f) => all
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| k % o.folds != *f)
                    .map(|(_, e)| *e)
                    .collect(),
            };
            train_tagger(
                &part,
                classes,
                &dict,
                o.tag_epochs,
                o.seed + fold.map_or(0, |f| f as u64 + 1),
            )
        })
        .collect();
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); examples.len()];
    for (k, e) in examples.iter().enumerate() {
        let w = &taggers[1 + k % o.folds.max(1)];
        predicted[k] = if o.folds > 0 {
            tagger::tag(w, &dict, &e.lex)
        } else {
            e.tags.clone()
        };
    }
    let tagger_weights = taggers.into_iter().next().unwrap_or_default();
    let right: usize = examples
        .iter()
        .zip(&predicted)
        .map(|(e, p)| e.tags.iter().zip(p).filter(|(a, b)| a == b).count())
        .sum();
    let total: usize = examples.iter().map(|e| e.tags.len()).sum();
    eprintln!(
        "tagger: {} features; jackknifed tag accuracy on train {:.2} % ({:.0} s)",
        tagger_weights.len(),
        100.0 * right as f64 / total as f64,
        t0.elapsed().as_secs_f64()
    );

    let mut model = Model {
        tags: sets.tags.clone(),
        labels: sets.labels.clone(),
        tagger: tagger_weights,
        dict,
        parser: Weights::from_rows(MOVES + 2 * sets.labels.len(), []),
    };
    let nl = sets.labels.len();
    let mut pt = ParserTrainer {
        moves: Perceptron::new(MOVES),
        arcs: Perceptron::new(2 * nl),
        labels: nl,
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(o.seed.wrapping_mul(0x51_7CC1_B727_220A) | 1);
    let mut best: Option<(usize, Weights, Weights, usize)> = None;
    for epoch in 0..o.parse_epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            pt.train_sentence(&examples[k], &predicted[k], epoch > 0, &mut rng);
        }
        let (moves, arcs) = (pt.moves.freeze(1.0), pt.arcs.freeze(1.0));
        model.parser = Weights::merge(&moves, &arcs);
        let s = evaluate(&model, &dev);
        eprintln!(
            "parser epoch {:2}: dev {} ({:.0} s)",
            epoch + 1,
            s.line(),
            t0.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|b| s.las > b.0) {
            best = Some((s.las, moves, arcs, epoch + 1));
        }
    }
    let Some((_, moves, arcs, epoch)) = best else {
        return Err("no parser epoch".into());
    };
    model.parser = Weights::merge(&moves, &arcs);
    eprintln!("kept the weights of epoch {epoch}");
    eprintln!("unpruned: dev {}", evaluate(&model, &dev).line());
    model.tagger = model.tagger.pruned(o.prune[0]);
    model.parser = Weights::merge(&moves.pruned(o.prune[1]), &arcs.pruned(o.prune[2]));
    let bytes = model.to_bytes();
    std::fs::write(&o.out, &bytes).map_err(|e| format!("{}: {e}", o.out.display()))?;
    let back = Model::from_bytes(&bytes).ok_or("the model written does not read back")?;
    eprintln!(
        "model: {} bytes ({} tagger, {} parser features) -> {}",
        bytes.len(),
        back.tagger.len(),
        back.parser.len(),
        o.out.display()
    );
    println!("dev  {}", evaluate(&back, &dev).line());
    if let Some(test) = test {
        println!("test {}", evaluate(&back, &test).line());
    }
    eprintln!("done in {:.0} s", t0.elapsed().as_secs_f64());
    Ok(())
}
