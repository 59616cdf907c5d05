//! `zwgk build`'s [`Sink`]: every output file goes into a staging folder beside the
//! output folder, which replaces it only when the whole run succeeded
//! ([`output::Staging`]), holding the previous output's own file wherever the bytes
//! are unchanged. The output folder is checked before any work. Beside the output,
//! the page manifest (`manifest.rs`) lets a rebuild keep pages without rendering them.

use super::manifest::{self, DataFiles, Manifest};
use super::{io_error, Bytes, Remembered, Sink};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::output::{self, Staging};
use crate::render::theme::StaticSource;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Writer {
    /// `-o`, when given; else site.toml's `output_dir`.
    requested: Option<PathBuf>,
    output: PathBuf,
    target: Option<output::Target>,
    staging: Option<Staging>,
    progress: Option<indicatif::ProgressBar>,
    show_progress: bool,
    /// The page manifest's key for this build, once the run asked for it.
    shared: Option<u128>,
    /// The previous build's page manifest, when it was made with the same key.
    earlier: Option<Manifest>,
    /// This build's pages, for the manifest written after the swap.
    made: Mutex<HashMap<String, (u128, output::Stamp)>>,
    /// This build's data files, for the manifest; `None` when one of them could not
    /// be recorded (then none is: the next build makes them all).
    made_data: Mutex<Option<DataFiles>>,
}

impl Writer {
    pub fn new(requested: Option<PathBuf>, show_progress: bool) -> Writer {
        Writer {
            requested,
            output: PathBuf::new(),
            target: None,
            staging: None,
            progress: None,
            show_progress,
            shared: None,
            earlier: None,
            made: Mutex::default(),
            made_data: Mutex::new(Some(DataFiles::default())),
        }
    }

    /// The output folder (known once the run has read site.toml).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// What the output files are to the previous output (before [`Writer::commit`]).
    pub fn changes(&self) -> output::Changes {
        self.staging
            .as_ref()
            .map(Staging::changes)
            .unwrap_or_default()
    }

    /// Swaps the staging folder in; returns warnings (e.g. an old output left behind).
    pub fn commit(&mut self) -> Result<Diagnostics, Diagnostics> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        let staging = self.staging.take().expect("the run began the output");
        // The manifest describes the output in place: none while it is swapped.
        let path = staging.manifest_path();
        let scratch = staging.manifest_scratch();
        let removed = manifest::remove(&path);
        let warnings = staging.commit()?;
        if let (Some(shared), Ok(())) = (self.shared, removed) {
            let pages = std::mem::take(&mut *self.made.lock().unwrap_or_else(|e| e.into_inner()));
            let data = self
                .made_data
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .filter(|d| !d.files.is_empty());
            // Without it the next build renders every page: nothing worse.
            let _ = manifest::write(
                &path,
                &scratch,
                Manifest {
                    shared,
                    pages,
                    data,
                },
            );
        }
        Ok(warnings)
    }

    /// Stages a file of the output; its stamp, for the manifest.
    fn stage(&self, output: &str, bytes: Bytes) -> Result<Option<output::Stamp>, Diagnostics> {
        let stamp = self
            .staging()
            .write_stamped(output, bytes.as_slice())
            .map_err(|e| io_error(Path::new(output), e))?;
        // The bar counts pages (the plan's, 404.html too), not data files.
        if crate::model::urls::dir_of(output).is_some() || output == crate::model::urls::NOT_FOUND {
            self.tick();
        }
        Ok(stamp)
    }

    fn made(&self, output: &str, fingerprint: u128, stamp: output::Stamp) {
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(output.to_string(), (fingerprint, stamp));
    }

    /// Records a data file made from `key`, staged with `stamp` (`None`: not recorded).
    fn made_data(&self, output: &str, key: u128, stamp: Option<output::Stamp>) {
        let mut made = self.made_data.lock().unwrap_or_else(|e| e.into_inner());
        match (made.as_mut(), stamp) {
            (Some(data), Some(stamp)) if data.files.is_empty() || data.key == key => {
                data.key = key;
                data.files.insert(output.to_string(), stamp);
            }
            _ => *made = None,
        }
    }

    fn staging(&self) -> &Staging {
        self.staging.as_ref().expect("the run began the output")
    }

    fn tick(&self) {
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
    }
}

impl Sink for Writer {
    fn prepare(&mut self, root: &Path, config: &SiteConfig) -> Result<(), Diagnostics> {
        let (output, origin) = match &self.requested {
            Some(o) => (o.clone(), output::Origin::Flag),
            None => (
                root.join(&config.output_dir),
                output::Origin::OutputDir(config.output_dir.clone()),
            ),
        };
        // Before any work: an output folder that would destroy something is refused.
        let target = output::check_target(root, &output, &origin)?;
        self.output = output;
        self.target = Some(target);
        Ok(())
    }

    fn begin(&mut self, pages: usize) -> Result<(), Diagnostics> {
        self.progress = super::progress_bar(pages, self.show_progress);
        let target = self.target.as_ref().expect("prepared");
        let staging = Staging::begin(target).map_err(|e| io_error(&self.output, e))?;
        self.staging = Some(staging);
        Ok(())
    }

    fn file(&self, output: &str, bytes: Bytes) -> Result<(), Diagnostics> {
        self.stage(output, bytes).map(|_| ())
    }

    fn remember_pages(&mut self, shared: u128) -> Remembered {
        self.shared = Some(shared);
        let path = self.staging().manifest_path();
        self.earlier = manifest::read(&path).filter(|m| m.shared == shared);
        match self.earlier {
            Some(_) => Remembered::Earlier,
            None => Remembered::Nothing,
        }
    }

    fn keep_page(&self, output: &str, fingerprint: u128) -> Result<bool, Diagnostics> {
        let Some((fp, stamp)) = self.earlier.as_ref().and_then(|m| m.pages.get(output)) else {
            return Ok(false);
        };
        if *fp != fingerprint {
            return Ok(false);
        }
        let kept = self
            .staging()
            .keep(output, stamp)
            .map_err(|e| io_error(Path::new(output), e))?;
        if kept {
            self.made(output, fingerprint, *stamp);
            self.tick();
        }
        Ok(kept)
    }

    fn keep_data(&self, key: u128) -> Result<Option<usize>, Diagnostics> {
        let Some(data) = self.earlier.as_ref().and_then(|m| m.data.as_ref()) else {
            return Ok(None);
        };
        let staging = self.staging();
        // All or none: a data file changed or gone behind zwgk's back means all are made.
        if data.key != key
            || data.files.is_empty()
            || !data.files.iter().all(|(o, stamp)| staging.holds(o, stamp))
        {
            return Ok(None);
        }
        for (output, stamp) in &data.files {
            let kept = staging
                .keep(output, stamp)
                .map_err(|e| io_error(Path::new(output), e))?;
            if !kept {
                // Changed since it was looked at: made again, over what was kept.
                return Ok(None);
            }
            self.made_data(output, key, Some(*stamp));
        }
        Ok(Some(data.files.len()))
    }

    fn data(&self, output: &str, bytes: Bytes, key: u128) -> Result<(), Diagnostics> {
        let stamp = self.stage(output, bytes)?;
        self.made_data(output, key, stamp);
        Ok(())
    }

    fn page(&self, output: &str, html: Bytes, fingerprint: u128) -> Result<(), Diagnostics> {
        if let Some(stamp) = self.stage(output, html)? {
            self.made(output, fingerprint, stamp);
        }
        Ok(())
    }

    fn copy(&self, output: &str, source: &StaticSource) -> Result<(), Diagnostics> {
        let result = match source {
            StaticSource::Embedded(bytes) => self.staging().write(output, bytes),
            StaticSource::Disk(file) => self.staging().copy(file, output),
        };
        result.map_err(|e| io_error(Path::new(output), e))
    }
}
