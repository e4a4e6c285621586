# The gates lab in a container: a plain mirror of scripts/start.sh.
#   docker build -t gates-lab .
#   docker run --rm -p 8501:8501 gates-lab        # then open http://localhost:8501
# Several replicas behind a load balancer: docs/DEPLOY.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none

WORKDIR /app
COPY requirements.txt .
# torch is pinned in requirements.txt; PyPI's Linux torch is the CUDA build (GBs), so
# PyTorch's CPU wheel index is added as an EXTRA index (torch 2.13.0+cpu; README: why).
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt

COPY . .
# plotly.min.js of the installed plotly and the live gates' own JS, served at /app/static
RUN python -c "from gates_lab.live.assets import ensure_plotly_js as p, ensure_live_js as l; assert p() and l()"
RUN useradd --create-home lab && chown -R lab /app
USER lab

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
