/** A small most-recently-used cache: a slider moving back and forth hits it instead of recomputing. */
export class Memo<V> {
  private entries = new Map<string, V>();
  constructor(private readonly capacity = 4) {}

  async get(key: string, compute: () => Promise<V> | V): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = await compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
