{application,y,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['y.Y']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
