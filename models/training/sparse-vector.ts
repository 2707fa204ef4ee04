/** The non-zero entries of a feature vector: hashed text features are mostly zeros. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export function toSparse(dense: Float32Array): SparseVector {
  let count = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) count++;
  const indices = new Int32Array(count);
  const values = new Float32Array(count);
  let at = 0;
  for (let i = 0; i < dense.length; i++) {
    const value = dense[i] ?? 0;
    if (value !== 0) {
      indices[at] = i;
      values[at] = value;
      at++;
    }
  }
  return { indices, values };
}

export function toDense(sparse: SparseVector, dim: number): Float32Array {
  const dense = new Float32Array(dim);
  for (let i = 0; i < sparse.indices.length; i++) dense[sparse.indices[i] ?? 0] = sparse.values[i] ?? 0;
  return dense;
}
