% Write the Octave-made MAT-file fixtures of test/data/mat-reader.test.ts (run once; the files are
% committed). See scripts/make-mat-fixtures.py for the values (the same formulas):
%   image_k(r, c) = mod(7 r + 3 c + 11 k, 256)   (r, c, k 0-based), 40x40
%   traj_k(t)     = [5 + t/10 + k/3, 35 - 0.09 t + k/2], t = 0..300, 301x2
%   labels        = 3, 1, 4
% Run from the repository root:  octave --no-gui --quiet scripts/make-mat-fixtures.m
out = fullfile(fileparts(mfilename('fullpath')), '..', 'test', 'fixtures', 'mat');
N = 3; S = 40; T = 301; labels = [3 1 4];
[c, r] = meshgrid(0:S-1, 0:S-1);
t = (0:T-1)';
ims = cell(1, N); trjs = cell(1, N); lbl = cell(1, N);
for k = 0:N-1
  ims{k+1} = mod(7 * r + 3 * c + 11 * k, 256);
  trjs{k+1} = [5 + t / 10 + k / 3, 35 - 0.09 * t + k / 2];
  lbl{k+1} = labels(k+1);
end
% struct() with cell arguments makes a 1xN struct array, as in the original file.
Data = struct('imageArray', ims, 'trajArray', trjs, 'labelArray', lbl);
save('-v6', fullfile(out, 'octave-data-v6.mat'), 'Data');
save('-v7', fullfile(out, 'octave-data-v7.mat'), 'Data');
slike = struct('im', ims, 'trj', trjs);
note = 'octave fixture';
mask = logical([1 0 1]);
save('-v7', fullfile(out, 'octave-slike-v7.mat'), 'slike', 'note', 'mask');
