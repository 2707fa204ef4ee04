import type { SparseFeatures } from './core.ts';

/** Bytes per slab: room for the features of a few replies (a 1,000-word reply has ~2,500 entries, 8 bytes each). */
const SLAB_BYTES = 128 * 1024;

/**
 * Where copies of sparse features live once read out of the core's memory. A fresh pair of ArrayBuffers per
 * text costs several times the copy itself (each is zeroed, accounted for and later finalised by the
 * collector), so copies are carved out of a shared slab instead: each copy is a pair of views into it, and a
 * slab stays alive for as long as any copy still points into it. Nothing ever writes to a slab's views
 * after they are handed out, so copies never see each other.
 */
export class FeatureSlab {
  #slab = new ArrayBuffer(SLAB_BYTES);
  #used = 0;

  /** A copy of `indices` and `values` (of one length). */
  copy(indices: Int32Array, values: Float32Array): SparseFeatures {
    const count = indices.length;
    const bytes = count * 8;
    if (bytes > SLAB_BYTES) return { indices: indices.slice(), values: values.slice() };
    if (this.#used + bytes > SLAB_BYTES) {
      this.#slab = new ArrayBuffer(SLAB_BYTES);
      this.#used = 0;
    }
    const at = this.#used;
    this.#used += bytes;
    const copy = {
      indices: new Int32Array(this.#slab, at, count),
      values: new Float32Array(this.#slab, at + count * 4, count),
    };
    copy.indices.set(indices);
    copy.values.set(values);
    return copy;
  }
}
