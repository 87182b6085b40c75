"""A pass end to end: the CLI pass, the DAG tasks, reprocessing and WARC import, over the stages."""
