#!/usr/bin/env python3
"""Build tiny, randomly initialised models for tests: seconds on a laptop CPU.

    python models/build_tiny_models.py [OUT_DIR]      # default: models/tiny/

Writes, all as safetensors with their tokenizers:

- ``OUT/tokenizer.model``: a sentencepiece unigram model trained on the text of
  ``corpora/`` (plus a few lines of Cyrillic so ru/uk sources tokenise), with byte
  fallback so no character is ever unknown;
- ``OUT/marian-tiny/``: a Marian encoder-decoder (uk/ru -> en shape, 1+1 layers);
- ``OUT/causal-tiny/``: a Llama-architecture causal LM (2 layers, 32 dims);
- ``OUT/causal-tiny.gguf``: the same LM as a GGUF file.

The weights are random (seeded), so the models' outputs are nonsense, but every code
path that a real Marian/opus-mt or SmolLM2/Gemma model goes through (tokenisation,
batching, generation, KV-cache reuse, caching, device placement) is exercised.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
VOCAB_SIZE = 600
SEED = 1234

# Sources of the test feeds are Cyrillic; our corpora are English. These lines, our
# own, only give the tokenizer Cyrillic pieces.
_CYRILLIC = [
    "Міністерство оборони повідомило про нові удари по складах.",
    "Армія заявила, що вона утримує міст.",
    "Генеральний штаб повідомив, що він контролює ситуацію.",
    "Министерство обороны сообщило о новых ударах.",
    "Армия заявила, что она удерживает мост.",
    "Генеральный штаб сообщил, что он контролирует ситуацию.",
]


def corpus_lines(root: Path = ROOT / "corpora") -> list[str]:
    """Every non-empty line of text in corpora/ (plain files and YAML strings)."""
    import yaml

    lines: list[str] = []
    for path in sorted(root.rglob("*")):
        if path.suffix in (".txt", ".md"):
            lines += path.read_text(encoding="utf-8").splitlines()
        elif path.suffix in (".yaml", ".yml"):
            lines += [line for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
                      for line in text.splitlines()]
    cleaned = [line.replace("[[", "").replace("]]", "").strip() for line in lines]
    return [line for line in cleaned if line] + _CYRILLIC


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def train_sentencepiece(lines: list[str], out: Path) -> Path:
    import sentencepiece as spm

    prefix = out / "tokenizer"
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=str(prefix), vocab_size=VOCAB_SIZE,
        model_type="unigram", character_coverage=1.0, byte_fallback=True,
        pad_id=0, unk_id=1, bos_id=2, eos_id=3, hard_vocab_limit=False,
        minloglevel=2, num_threads=1,
    )
    return prefix.with_suffix(".model")


def _pieces(spm_path: Path) -> list[tuple[str, float, int]]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    out = []
    for i in range(sp.get_piece_size()):
        kind = 2 if sp.is_unknown(i) else 3 if sp.is_control(i) else 6 if sp.is_byte(i) else 1
        out.append((sp.id_to_piece(i), sp.get_score(i), kind))
    return out


def build_marian(spm_path: Path, out: Path) -> Path:
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    target = out / "marian-tiny"
    target.mkdir(parents=True, exist_ok=True)
    # Marian's vocabulary puts </s>, <unk> and <pad> first; the rest follow the spm order.
    vocab = {"</s>": 0, "<unk>": 1, "<pad>": 2}
    for piece, _, _ in _pieces(spm_path):
        vocab.setdefault(piece, len(vocab))
    (target / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    shutil.copy(spm_path, target / "source.spm")
    shutil.copy(spm_path, target / "target.spm")
    with warnings.catch_warnings():  # it recommends sacremoses, which we never use
        warnings.simplefilter("ignore")
        tokenizer = MarianTokenizer(
            source_spm=str(target / "source.spm"), target_spm=str(target / "target.spm"),
            vocab=str(target / "vocab.json"), source_lang="uk", target_lang="en",
        )
    tokenizer.save_pretrained(target)
    torch.manual_seed(SEED)
    config = MarianConfig(
        vocab_size=len(vocab), d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64,
        decoder_ffn_dim=64, max_position_embeddings=256, pad_token_id=2, eos_token_id=0,
        decoder_start_token_id=2, forced_eos_token_id=0, max_length=64, num_beams=1,
    )
    MarianMTModel(config).save_pretrained(target, safe_serialization=True)
    return target


def build_causal(spm_path: Path, out: Path) -> Path:
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    target = out / "causal-tiny"
    target.mkdir(parents=True, exist_ok=True)
    pieces = _pieces(spm_path)
    # The same pieces as a `tokenizers` unigram model: what real checkpoints ship as
    # tokenizer.json, and what AutoTokenizer loads without sentencepiece.
    core = Tokenizer(models.Unigram([(p, s) for p, s, _ in pieces], unk_id=1, byte_fallback=True))
    core.normalizer = normalizers.Replace(" ", "▁")
    core.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    core.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(),
                                      decoders.Fuse(), decoders.Strip(" ", 1, 0)])
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
    )
    tokenizer.save_pretrained(target)
    torch.manual_seed(SEED)
    config = LlamaConfig(
        vocab_size=len(pieces), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=512,
        bos_token_id=2, eos_token_id=3, pad_token_id=0, tie_word_embeddings=True,
    )
    LlamaForCausalLM(config).save_pretrained(target, safe_serialization=True)
    return target


def build_gguf(causal: Path, spm_path: Path, out: Path) -> Path:
    """The tiny causal LM again as a llama-architecture .gguf file (float32 tensors,
    sentencepiece vocabulary in the metadata): the file form SmolLM2/Gemma ship in."""
    import gguf
    import numpy as np
    from safetensors.numpy import load_file

    config = json.loads((causal / "config.json").read_text(encoding="utf-8"))
    # Beside tokenizer.model on purpose: the loader must read the .gguf's own vocabulary.
    target = out / "causal-tiny.gguf"
    writer = gguf.GGUFWriter(str(target), "llama")
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_block_count(config["num_hidden_layers"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_head_count(config["num_attention_heads"])
    writer.add_head_count_kv(config["num_key_value_heads"])
    writer.add_rope_dimension_count(config["hidden_size"] // config["num_attention_heads"])
    writer.add_layer_norm_rms_eps(config["rms_norm_eps"])
    writer.add_vocab_size(config["vocab_size"])
    pieces = _pieces(spm_path)
    writer.add_tokenizer_model("llama")
    writer.add_token_list([p.encode("utf-8") for p, _, _ in pieces])
    writer.add_token_scores([s for _, s, _ in pieces])
    writer.add_token_types([t for _, _, t in pieces])
    writer.add_bos_token_id(2)
    writer.add_eos_token_id(3)
    writer.add_unk_token_id(1)
    writer.add_pad_token_id(0)
    names = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight"}
    parts = [("self_attn.q_proj", "attn_q"), ("self_attn.k_proj", "attn_k"), ("self_attn.v_proj", "attn_v"),
             ("self_attn.o_proj", "attn_output"), ("mlp.gate_proj", "ffn_gate"), ("mlp.up_proj", "ffn_up"),
             ("mlp.down_proj", "ffn_down"), ("input_layernorm", "attn_norm"),
             ("post_attention_layernorm", "ffn_norm")]
    for i in range(config["num_hidden_layers"]):
        for ours, theirs in parts:
            names[f"model.layers.{i}.{ours}.weight"] = f"blk.{i}.{theirs}.weight"
    for name, tensor in load_file(str(causal / "model.safetensors")).items():
        writer.add_tensor(names[name], tensor.astype(np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return target


def build_all(out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        spm_path = train_sentencepiece(corpus_lines(), Path(tmp))
        shutil.copy(spm_path, out / "tokenizer.model")
    spm_path = out / "tokenizer.model"
    causal = build_causal(spm_path, out)
    return {"marian": build_marian(spm_path, out), "causal": causal, "gguf": build_gguf(causal, spm_path, out)}


def build_once(base: Path) -> dict[str, Path]:
    """For test fixtures: build under ``base/tiny`` unless a complete build is there."""
    out = base / "tiny"
    done = out / ".complete"
    if not done.is_file():
        build_all(out)
        done.write_text("ok\n", encoding="utf-8")
    return {"marian": out / "marian-tiny", "causal": out / "causal-tiny", "gguf": out / "causal-tiny.gguf",
            "spm": out / "tokenizer.model"}


if __name__ == "__main__":
    built = build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "models" / "tiny")
    for name, path in built.items():
        print(f"{name}: {path}")
