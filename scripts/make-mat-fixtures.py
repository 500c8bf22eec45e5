#!/usr/bin/python3
"""Write the scipy-made MAT-file fixtures of test/data/mat-reader.test.ts (run once; the files are
committed). An independent writer (scipy.io.savemat) checks that our reader follows the format, not
just our own writer. Use Debian's python3 with python3-scipy:

    apt-get install -y python3-scipy octave
    /usr/bin/python3 scripts/make-mat-fixtures.py     # scipy fixtures
    octave --no-gui --quiet scripts/make-mat-fixtures.m  # Octave fixtures

Every fixture holds N = 3 samples with values given by formulas the test recomputes
(r, c, t 0-based, k = sample index):
    image_k(r, c) = (7 r + 3 c + 11 k) mod 256                     40×40
    traj_k(t)     = (5 + t/10 + k/3,  35 − 0.09 t + k/2)           301×2 (x, y)
    labels        = 3, 1, 4
"""
import os

import numpy as np
import scipy.io as sio

N, S, T = 3, 40, 301
LABELS = [3, 1, 4]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "mat")


def image(k):
    r, c = np.meshgrid(np.arange(S), np.arange(S), indexing="ij")
    return ((7 * r + 3 * c + 11 * k) % 256).astype(np.float64)


def traj(k, cols=2):
    t = np.arange(T, dtype=np.float64)
    out = np.stack([5 + t / 10 + k / 3, 35 - 0.09 * t + k / 2, t / 100][:cols], axis=1)
    return out


def struct_array(names, rows):
    """A 1×len(rows) MATLAB struct array (numpy record array of objects)."""
    arr = np.empty((1, len(rows)), dtype=[(n, "O") for n in names])
    for k, row in enumerate(rows):
        for n, v in zip(names, row):
            arr[0, k][n] = v
    return arr


def cell_row(values):
    c = np.empty((1, len(values)), dtype=object)
    for k, v in enumerate(values):
        c[0, k] = v
    return c


def dmp_params(k):
    return {"tau": np.array([[1.0]]), "w": np.full((25, 2), float(k)), "goal": np.array([[1.0, 2.0]]), "y0": np.array([[0.0, 0.0]])}


def main():
    os.makedirs(OUT, exist_ok=True)
    # The original layout: Data, a 1×N struct array, doubles, with the DMP fields we ignore.
    data = struct_array(
        ["imageArray", "trajArray", "labelArray", "DMPParamsArray", "DMPTrajArray"],
        [(image(k), traj(k), np.array([[LABELS[k]]], dtype=np.float64), dmp_params(k), traj(k)) for k in range(N)],
    )
    sio.savemat(os.path.join(OUT, "scipy-data-v5.mat"), {"Data": data}, do_compression=False)
    sio.savemat(os.path.join(OUT, "scipy-data-v5z.mat"), {"Data": data, "note": "scipy fixture"}, do_compression=True)
    # Data as a 1×1 struct of cell arrays; uint8 images, single trajectories with a third column.
    cells = np.empty((1, 1), dtype=[("imageArray", "O"), ("trajArray", "O")])
    cells[0, 0]["imageArray"] = cell_row([image(k).astype(np.uint8) for k in range(N)])
    cells[0, 0]["trajArray"] = cell_row([traj(k, cols=3).astype(np.float32) for k in range(N)])
    sio.savemat(os.path.join(OUT, "scipy-data-cells-z.mat"), {"Data": cells, "flags": np.array([[True, False]])}, do_compression=True)
    # The old layout: slike with im and trj.
    slike = struct_array(["im", "trj"], [(image(k), traj(k)) for k in range(N)])
    sio.savemat(os.path.join(OUT, "scipy-slike-z.mat"), {"slike": slike}, do_compression=True)


if __name__ == "__main__":
    main()
