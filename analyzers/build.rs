//! Lays out the proclitics table (`src/stem/clitics.txt`) as the crate is
//! built: an open-addressing table of fixed-size records and the words end
//! to end, included by `src/stem/clitics.rs`, so that no process parses
//! the 20,000 lines at its first word.

use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "src/wordkey.rs"]
#[allow(dead_code)]
mod wordkey;

use wordkey::WordKey;

/// The flag of a stop word behind its proclitics (as `clitics.rs`).
const STOP: u8 = 0x80;
/// Bytes of a slot record (as `clitics.rs` reads them).
const SLOT_BYTES: usize = 24;

fn main() {
    println!("cargo:rerun-if-changed=src/stem/clitics.txt");
    println!("cargo:rerun-if-changed=src/wordkey.rs");
    let text = std::fs::read_to_string("src/stem/clitics.txt").expect("src/stem/clitics.txt");
    let mut entries: Vec<(&str, u8)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (letters, word) = line.split_once(' ').unwrap_or_else(|| bad(n, line));
        let stop = letters.ends_with('*');
        let letters: u8 = letters.trim_end_matches('*').parse().unwrap_or_else(|_| bad(n, line));
        if word.is_empty() || word.len() > 255 || letters & STOP != 0 {
            bad(n, line);
        }
        entries.push((word, letters | if stop { STOP } else { 0 }));
    }
    let size = (entries.len() * 2).next_power_of_two().max(8);
    let index = |key: WordKey| (key.hash() >> (64 - size.trailing_zeros())) as usize;
    let mut slots = vec![0u8; size * SLOT_BYTES];
    let mut words = String::new();
    for &(word, letters) in &entries {
        let key = WordKey::of(word.as_bytes());
        let mut slot = index(key);
        while slots[slot * SLOT_BYTES + 20] != 0 {
            slot = (slot + 1) & (size - 1);
        }
        let (head, tail, len) = key.parts();
        let record = &mut slots[slot * SLOT_BYTES..(slot + 1) * SLOT_BYTES];
        record[0..8].copy_from_slice(&head.to_le_bytes());
        record[8..16].copy_from_slice(&tail.to_le_bytes());
        let start = u32::try_from(words.len()).expect("under 4 GB of words");
        record[16..20].copy_from_slice(&start.to_le_bytes());
        record[20] = u8::try_from(len).expect("checked above");
        record[21] = letters;
        words.push_str(word);
    }
    let min_bytes = entries.iter().map(|(w, _)| w.len()).min().unwrap_or(1).max(2);
    let max_bytes = entries.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
    let first_letters =
        entries.iter().fold(0u64, |bits, (w, _)| bits | 1 << (w.as_bytes()[1] & 63));
    let mut meta = String::new();
    writeln!(meta, "/// Slots of the table (a power of two).").unwrap();
    writeln!(meta, "const SIZE: usize = {size};").unwrap();
    writeln!(meta, "/// The shortest listed word, in bytes (at least 2).").unwrap();
    writeln!(meta, "const MIN_BYTES: usize = {min_bytes};").unwrap();
    writeln!(meta, "/// The longest listed word, in bytes.").unwrap();
    writeln!(meta, "const MAX_BYTES: usize = {max_bytes};").unwrap();
    writeln!(meta, "/// Bit `b & 63` set for the second byte `b` of each listed word.").unwrap();
    writeln!(meta, "const FIRST_LETTERS: u64 = {first_letters:#x};").unwrap();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("clitics_slots.bin"), slots).expect("clitics_slots.bin");
    std::fs::write(out.join("clitics_words.txt"), words).expect("clitics_words.txt");
    std::fs::write(out.join("clitics_meta.rs"), meta).expect("clitics_meta.rs");
}

/// Stops the build at a line of the table that is not `letters word`.
fn bad(n: usize, line: &str) -> ! {
    panic!("src/stem/clitics.txt:{}: expected `letters word`: {line}", n + 1)
}
