# newsdesk on Airflow: the official image with the project installed into Airflow's own Python.
# Installed at build time (not via _PIP_ADDITIONAL_REQUIREMENTS, which reinstalls on every container start and
# is meant for quick experiments only). Build context: the repository root (see .dockerignore).
FROM apache/airflow:3.3.2

# Keep Airflow at the image's version while installing newsdesk and its dependencies (spaCy, trafilatura, DuckDB).
COPY --chown=airflow:0 pyproject.toml README.md /opt/newsdesk/src/
COPY --chown=airflow:0 pipeline /opt/newsdesk/src/pipeline
COPY --chown=airflow:0 sql /opt/newsdesk/src/sql
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" /opt/newsdesk/src

# The DAG ships with the image, so scheduler, dag-processor and workers always run the same code.
COPY --chown=airflow:0 dags/ /opt/airflow/dags/
