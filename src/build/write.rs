//! `zwgk build`'s [`Sink`]: every output file goes into a staging folder beside the
//! output folder, which replaces it only when the whole run succeeded
//! ([`output::Staging`]), holding the previous output's own file wherever the bytes
//! are unchanged. The output folder is checked before any work.

use super::{io_error, Bytes, Sink};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::output::{self, Staging};
use crate::render::theme::StaticSource;
use std::path::{Path, PathBuf};

pub struct Writer {
    /// `-o`, when given; else site.toml's `output_dir`.
    requested: Option<PathBuf>,
    output: PathBuf,
    target: Option<output::Target>,
    staging: Option<Staging>,
    progress: Option<indicatif::ProgressBar>,
    show_progress: bool,
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
        staging.commit()
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
        self.staging()
            .write(output, bytes.as_slice())
            .map_err(|e| io_error(Path::new(output), e))?;
        // The bar counts pages (the plan's, 404.html too), not data files.
        if crate::model::urls::dir_of(output).is_some() || output == crate::model::urls::NOT_FOUND {
            self.tick();
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
